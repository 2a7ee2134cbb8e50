/* user/bin/clear.c - clear: clears the terminal screen and puts the cursor at
 * the top left, with the ANSI escape sequences "erase display" (ESC [ 2 J)
 * and "cursor home" (ESC [ H). */
#include <string.h>
#include <unistd.h>

#define CLEAR_SCREEN "\033[2J\033[H"

int main(void)
{
    return write(STDOUT_FILENO, CLEAR_SCREEN, strlen(CLEAR_SCREEN)) < 0;
}
