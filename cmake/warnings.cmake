# Warning flags for our own targets (STYLE.md section 7).
function(truce_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wundef -Wwrite-strings
        -Wstrict-prototypes -Wmissing-prototypes -Wconversion
        -Wdouble-promotion -Wno-sign-conversion)
    if(TRUCE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
