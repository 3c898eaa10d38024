/* placeholder: replaced by the real CLI dispatch */
#include <stdio.h>
#include "truce/truce.h"
int main(void)
{
    puts(truce_strerror(0));
    return 0;
}
