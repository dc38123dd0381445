# Sourced by the install scripts: downloads a release archive and its checksums file from the same
# release, refuses the archive unless its checksum is listed and matches, and extracts one binary.
#   install_verified_binary <release-url> <archive> <checksums-file> <binary> <install-dir>
install_verified_binary() {
  local base="$1" archive="$2" checksums="$3" binary="$4" install_dir="$5" workdir
  workdir="$(mktemp -d)"
  curl -fsSL -o "$workdir/$archive" "$base/$archive"
  curl -fsSL -o "$workdir/checksums" "$base/$checksums"
  (cd "$workdir" && grep " ${archive}\$" checksums | sha256sum --check --strict -)
  tar -xzf "$workdir/$archive" -C "$install_dir" "$binary"
  rm -rf "$workdir"
}
