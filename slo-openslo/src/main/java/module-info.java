/**
 * OpenSLO v1 for slo4j: reads OpenSLO documents into slo4j definitions and alert rules and writes
 * them back (see {@link io.github.slo4j.openslo.OpenSlo}). A module of its own so that its YAML
 * parser never reaches a service that only records.
 */
module io.github.slo4j.openslo {
  requires transitive io.github.slo4j;
  requires org.snakeyaml.engine;

  exports io.github.slo4j.openslo;
}
