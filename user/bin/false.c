/* user/bin/false.c - false: does nothing, unsuccessfully (exit status 1). */
int main(void)
{
    return 1;
}
