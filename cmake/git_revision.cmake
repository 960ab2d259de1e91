# Writes the git revision the binary is built from into OUTPUT (from TEMPLATE), run at every build rather than
# once when CMake configures, so that `cchc --version` names the commit actually built. configure_file leaves
# OUTPUT untouched when the revision is the same, so an unchanged tree recompiles and relinks nothing.
execute_process(COMMAND git describe --always --dirty
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE CCHC_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE git_result)
if(NOT git_result EQUAL 0 OR CCHC_GIT_REVISION STREQUAL "")
  set(CCHC_GIT_REVISION unknown)
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
