"""tests/tools/unittest_results.py - a unittest module's tests as tools/run-tests
reports them: one (name, passed, detail) per test method, the detail of a
failure indented under it.

    results_of(module, prefix) -> [(prefix + method name, passed, detail)]"""
import re
import unittest


def results_of(module, prefix):
    results = []

    class Collector(unittest.TestResult):
        def addSuccess(self, test):
            results.append((prefix + test._testMethodName, True, ""))

        def addFailure(self, test, error):
            results.append((prefix + test._testMethodName, False,
                            re.sub(r"\n", "\n    ", self._exc_info_to_string(error, test).strip())))

        addError = addFailure

        def addSkip(self, test, reason):
            results.append((prefix + test._testMethodName, True, "skipped: " + reason))

    unittest.defaultTestLoader.loadTestsFromModule(module).run(Collector())
    return results
