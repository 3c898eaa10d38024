# -DTRUCE_SANITIZE=address,undefined builds everything with sanitizers that
# stop at the first report, so a test cannot pass over one.
if(TRUCE_SANITIZE)
    add_compile_options(-fsanitize=${TRUCE_SANITIZE}
        -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${TRUCE_SANITIZE})
endif()
if(TRUCE_COVERAGE)
    add_compile_options(--coverage -O0)
    add_link_options(--coverage)
endif()
