#!/bin/sh
# Builds this example against the jars of a server checkout that were built but never published
# (mvn package in the checkout), without writing anything to your ~/.m2:
#   - a private local repository under target/reactor-m2 receives the checkout's api, srtp-spi and
#     srtp-spi-testing jars and their parent POMs;
#   - every other artifact (plugins, JUnit) is read from your ~/.m2 through a file:// mirror, so the
#     build needs no network once the checkout itself was built (no mirror in your settings is used).
# usage: ./build-against-reactor.sh [CHECKOUT] [MAVEN ARGS...]     (default CHECKOUT: ../..; args default: package)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "${1:-$here/../..}" && pwd)
[ $# -gt 0 ] && shift
m2=${M2_REPOSITORY:-$HOME/.m2/repository}
work=$here/target
repo=$work/reactor-m2

spi=$(ls "$root"/bundles/srtp-spi/target/dev.siprec.srtp.spi-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)
if [ -z "$spi" ]; then
    echo "no srtp-spi jar under $root/bundles/srtp-spi/target: run 'mvn -DskipTests package' in $root first" >&2
    exit 2
fi
version=$(basename "$spi" .jar | sed 's/^dev\.siprec\.srtp\.spi-//')

put() { # groupId path, artifactId, pom file, [jar file]
    dir=$repo/dev/siprec/$1/$version
    mkdir -p "$dir"
    cp "$2" "$dir/$1-$version.pom"
    if [ $# -gt 2 ]; then cp "$3" "$dir/$1-$version.jar"; fi
}
rm -rf "$repo/dev/siprec"
put siprec-parent "$root/pom.xml"
put siprec-bundles "$root/bundles/pom.xml"
put dev.siprec.api "$root/bundles/api/pom.xml" "$root/bundles/api/target/dev.siprec.api-$version.jar"
put dev.siprec.srtp.spi "$root/bundles/srtp-spi/pom.xml" "$spi"
put dev.siprec.srtp.spi.testing "$root/bundles/srtp-spi-testing/pom.xml" \
    "$root/bundles/srtp-spi-testing/target/dev.siprec.srtp.spi.testing-$version.jar"

cat > "$work/settings.xml" <<SETTINGS
<settings>
  <profiles>
    <profile>
      <id>read-local-m2</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository><id>central</id><url>file://$m2</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>central</id><url>file://$m2</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
</settings>
SETTINGS

[ $# -eq 0 ] && set -- package
exec mvn -B -s "$work/settings.xml" -Dmaven.repo.local="$repo" -Dsiprec.version="$version" -f "$here/pom.xml" "$@"
