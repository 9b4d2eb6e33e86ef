# Writes a header holding the text of every shader file, so the executable runs from anywhere.
# Called as a script: cmake -DOUT=... -DFILES="a;b" -P EmbedShaders.cmake
set(content "// Generated from shaders/ by cmake/EmbedShaders.cmake. Do not edit.\n#pragma once\n\n")
string(APPEND content "namespace mnsim::app::gfx {\n\nstruct EmbeddedShader {\n  const char* name;\n  const char* source;\n};\n\n")
string(APPEND content "inline const EmbeddedShader kEmbeddedShaders[] = {\n")
foreach(file ${FILES})
  file(READ ${file} text)
  get_filename_component(name ${file} NAME)
  string(APPEND content "    {\"${name}\", R\"mnsim_glsl(${text})mnsim_glsl\"},\n")
endforeach()
string(APPEND content "};\n\n}  // namespace mnsim::app::gfx\n")
file(WRITE ${OUT} "${content}")
