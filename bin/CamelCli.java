///usr/bin/env jbang "$0" "$@" ; exit $?
// The Camel CLI ("camel run", "camel get", ...) pinned to the project's Camel version, as a JBang script.
// bin/camel runs it; it is the same main as the official camel@apache/camel catalog entry, without the
// Kamelets catalog (not used here; Camel 4.17 fetches it on demand).
//JAVA 17+
//DEPS org.apache.camel:camel-bom:4.17.0@pom
//DEPS org.apache.camel:camel-jbang-core

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

public class CamelCli {

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
