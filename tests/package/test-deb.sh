#!/usr/bin/env bash
# Builds the Debian package from the build folder (cpack -G DEB), installs it with apt-get as a user would,
# checks what it installed (cchc --version, man -w cchc, the bash completion sourced in bash, the example
# plans), then removes it and every package installed on the way, so the machine is left as it was.
# Needs root (or sudo). Called by tools/test; CCHC_SKIP_PACKAGE=1 skips it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
build_dir=${CCHC_BUILD_DIR:-build}

if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then sudo=sudo; else
    echo "test-deb: needs root or password-less sudo to install a package; skipped (CCHC_SKIP_PACKAGE=1 hides this)" >&2
    exit 0
  fi
else
  sudo=
fi
if dpkg-query -W -f='${Status}' cchc 2>/dev/null | grep -q "install ok installed"; then
  echo "test-deb: a cchc package is already installed on this machine; not touching it (apt-get remove cchc first)" >&2
  exit 1
fi

apt_get() {
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 -y -qq "$@"
}
installed_packages() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort; }

before=$(mktemp)
work=$(mktemp -d)
installed_packages > "$before"
cleanup() {
  local status=$?
  if dpkg-query -W -f='${Status}' cchc 2>/dev/null | grep -q "install ok installed"; then apt_get purge cchc >/dev/null; fi
  # Anything installed on the way (man-db and what it pulled in) goes too.
  local added
  added=$(installed_packages | comm -13 "$before" - | tr '\n' ' ')
  if [ -n "$added" ]; then apt_get purge $added >/dev/null; fi
  rm -rf "$before" "$work"
  exit $status
}
trap cleanup EXIT

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

echo "== test-deb: building the package" >&2
rm -f "$build_dir"/cchc_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
debs=("$build_dir"/cchc_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack did not make one cchc_*.deb in $build_dir"
deb="$work/$(basename "${debs[0]}")"
cp "${debs[0]}" "$deb"
chmod -R a+rX "$work"  # apt reads local packages as the _apt user

depends=$(dpkg-deb -f "$deb" Depends)
if ldd "$build_dir/cchc" >/dev/null 2>&1; then
  # Linked against shared libraries (CCHC_STATIC_DEPS=OFF): each must be a dependency of the package.
  for library in libyaml-cpp0.7 libfmt9 libutf8proc2; do
    [[ $depends == *"$library"* ]] || fail "Depends lacks $library: $depends"
  done
else
  # The release build is static (CMakeLists.txt, CCHC_STATIC_DEPS): it needs no library at all.
  for library in libyaml-cpp0.7 libfmt9 libutf8proc2; do
    [[ $depends != *"$library"* ]] || fail "a static cchc should not depend on $library: $depends"
  done
fi

if ! command -v man >/dev/null; then
  echo "== test-deb: installing man-db for the check (removed afterwards)" >&2
  apt_get install --no-install-recommends man-db >/dev/null 2>&1 || { apt_get update >/dev/null; apt_get install --no-install-recommends man-db >/dev/null; }
fi

echo "== test-deb: apt-get install $(basename "$deb")" >&2
# Minimal images exclude /usr/share/man and /usr/share/doc from packages (dpkg path-exclude); let ours in.
apt_get install -o DPkg::Options::=--path-include=/usr/share/man/man1/cchc.1.gz \
  -o DPkg::Options::=--path-include='/usr/share/doc/cchc/*' "$deb" >/dev/null

/usr/bin/cchc --version | grep -Eq '^cchc [0-9]+\.[0-9]+\.[0-9]+ \(git ' || fail "cchc --version: $(/usr/bin/cchc --version)"
man_path=$(man -w cchc) || fail "man -w cchc found no page"
[ "$man_path" = /usr/share/man/man1/cchc.1.gz ] || fail "man -w cchc: $man_path"
MANPAGER=cat MANWIDTH=80 man cchc 2>/dev/null | grep -q "track Vietnamese administrative-reform" || fail "man cchc does not render"

# The installed completion, sourced in a bash as bash-completion would, completes agencies of plans/.
completed=$(cd "$root" && PATH=/usr/bin:/bin bash -c '
  source /usr/share/bash-completion/completions/cchc
  COMP_WORDS=(cchc status --lead s); COMP_CWORD=3; _cchc; echo "${COMPREPLY[*]}"
  COMP_WORDS=(cchc ov); COMP_CWORD=1; _cchc; echo "${COMPREPLY[*]}"')
[ "$completed" = $'snv stp stc skhcn stttt skhdt syt sgddt\noverdue' ] || fail "bash completion gave: $completed"
for file in /usr/share/zsh/vendor-completions/_cchc /usr/share/fish/vendor_completions.d/cchc.fish \
  /usr/share/doc/cchc/examples/ha-tinh-2020-tong-ket-cchc.yaml /usr/share/doc/cchc/huong-dan-su-dung.md; do
  [ -s "$file" ] || fail "$file is missing or empty"
done
# Twice, the second time from the plan cache, kept in the work folder rather than in the home of whoever runs this.
for run in cold warm; do
  (cd "$work" && CCHC_CACHE_DIR="$work/cache" /usr/bin/cchc validate /usr/share/doc/cchc/examples >/dev/null) ||
    fail "the installed examples do not validate ($run cache)"
done

echo "== test-deb: apt-get remove cchc" >&2
apt_get remove cchc >/dev/null
[ ! -e /usr/bin/cchc ] || fail "/usr/bin/cchc is still there after apt-get remove"
[ ! -e /usr/share/man/man1/cchc.1.gz ] || fail "the man page is still there after apt-get remove"
[ ! -e /usr/share/bash-completion/completions/cchc ] || fail "the bash completion is still there after apt-get remove"
echo "test-deb: ok: $(basename "$deb") installs, works and removes cleanly" >&2
