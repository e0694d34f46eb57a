# shellcheck shell=sh
# ----------------------------------------------------------------------------
# go4j: pick a JDK >= 21 for the Maven build. Sourced by ../mvnw (POSIX sh,
# running under `set -euf`); not meant to be run on its own.
#
#   1. JAVA_HOME, if it points to a JDK (bin/java and bin/javac) >= 21;
#   2. else the JDK of `java` on PATH, if it is >= 21;
#   3. else the highest JDK >= 21 (with bin/javac) found under the search
#      roots: /usr/lib/jvm/*, /usr/java/*, /opt/java/*, /opt/jdk*,
#      ~/.sdkman/candidates/java/*, ~/.jdks/*,
#      /Library/Java/JavaVirtualMachines/*/Contents/Home.
#      GO4J_JDK_SEARCH_PATH=root1:root2:... replaces that list; each root is
#      a JDK home itself or a folder of JDK homes, and may hold glob patterns.
#
# Exports JAVA_HOME. When the JDK is 23 or newer, also appends
# --sun-misc-unsafe-memory-access=allow to MAVEN_OPTS (quiets JDK warnings
# about Maven's own libraries). With none found, prints a hint and exits 1.
# MVNW_VERBOSE=true prints the choice.
# ----------------------------------------------------------------------------

_go4j_min=21

# Prints the feature (major) version of the JDK whose home is $1, or nothing.
_go4j_major() {
  _go4j_v=
  if [ -f "$1/release" ]; then
    _go4j_v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$1/release" 2>/dev/null | head -n 1) || _go4j_v=
  fi
  if [ -z "$_go4j_v" ] && [ -x "$1/bin/java" ]; then
    _go4j_v=$("$1/bin/java" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1) || _go4j_v=
  fi
  case "$_go4j_v" in
  1.*) _go4j_v=${_go4j_v#1.} ;; # 1.8.0_392 -> 8
  esac
  printf '%s\n' "${_go4j_v%%[!0-9]*}"
}

# Succeeds when $1 is the home of a JDK >= 21; leaves its major version in _go4j_m.
_go4j_ok() {
  _go4j_m=
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _go4j_m=$(_go4j_major "$1")
  [ -n "$_go4j_m" ] && [ "$_go4j_m" -ge "$_go4j_min" ]
}

_go4j_home=
_go4j_roots=${GO4J_JDK_SEARCH_PATH:-/usr/lib/jvm:/usr/java:/opt/java:/opt/jdk*:${HOME:-/nonexistent}/.sdkman/candidates/java:${HOME:-/nonexistent}/.jdks:/Library/Java/JavaVirtualMachines}

# 1. JAVA_HOME
if [ -n "${JAVA_HOME-}" ] && _go4j_ok "$JAVA_HOME"; then
  _go4j_home=$JAVA_HOME
fi

# 2. java on PATH (ask it for its java.home: PATH entries are often symlinks)
if [ -z "$_go4j_home" ] && command -v java >/dev/null 2>&1; then
  _go4j_c=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^[[:space:]]*java\.home = //p' | head -n 1) || _go4j_c=
  if _go4j_ok "$_go4j_c"; then
    _go4j_home=$_go4j_c
  fi
fi

# 3. well-known install locations: the highest major version wins
if [ -z "$_go4j_home" ]; then
  _go4j_best=
  _go4j_bestm=0
  _go4j_flags=$-
  _go4j_ifs=$IFS
  set +f # mvnw runs with globbing off
  IFS=:
  for _go4j_root in $_go4j_roots; do
    IFS=$_go4j_ifs
    for _go4j_c in "$_go4j_root" "$_go4j_root"/* "$_go4j_root"/*/Contents/Home; do
      if _go4j_ok "$_go4j_c" && [ "$_go4j_m" -gt "$_go4j_bestm" ]; then
        _go4j_best=$_go4j_c
        _go4j_bestm=$_go4j_m
      fi
    done
  done
  IFS=$_go4j_ifs
  case "$_go4j_flags" in
  *f*) set -f ;;
  esac
  _go4j_home=$_go4j_best
fi

if [ -z "$_go4j_home" ]; then
  printf '%s\n' "go4j: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, ...). Install JDK 25 (or any JDK >= 21) -- e.g. Eclipse Temurin 25 from https://adoptium.net (Debian/Ubuntu: package temurin-25-jdk from Adoptium's apt repository; Debian 13+/Ubuntu 24.04+: apt-get install openjdk-25-jdk or openjdk-21-jdk) -- or set JAVA_HOME to one." >&2
  printf '%s\n' "go4j: JAVA_HOME=${JAVA_HOME-(unset)}; searched: $_go4j_roots (override with GO4J_JDK_SEARCH_PATH=dir1:dir2)" >&2
  exit 1
fi

if [ -n "${JAVA_HOME-}" ] && [ "$JAVA_HOME" != "$_go4j_home" ]; then
  printf '%s\n' "go4j: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer; using $_go4j_home" >&2
fi
JAVA_HOME=$_go4j_home
export JAVA_HOME

_go4j_m=$(_go4j_major "$JAVA_HOME")
if [ "$_go4j_m" -ge 23 ]; then
  case " ${MAVEN_OPTS-} " in
  *" --sun-misc-unsafe-memory-access="*) ;;
  *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
  export MAVEN_OPTS
fi

[ "${MVNW_VERBOSE-}" != true ] || printf '%s\n' "go4j: using JDK $_go4j_m at $JAVA_HOME"

unset _go4j_min _go4j_v _go4j_m _go4j_c _go4j_home _go4j_roots _go4j_best _go4j_bestm _go4j_flags _go4j_ifs _go4j_root
unset -f _go4j_major _go4j_ok
