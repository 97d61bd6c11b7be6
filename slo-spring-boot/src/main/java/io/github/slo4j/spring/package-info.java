/**
 * Spring Boot 4 auto-configuration of slo4j: the SLOs of {@code application.yaml} ({@link
 * io.github.slo4j.spring.Slo4jProperties}), fed by the application's {@code http.server.requests}
 * observations, evaluated by one monitor, published as meters, and shown by the {@code slo}
 * actuator endpoint ({@link io.github.slo4j.spring.SloEndpoint}), {@code /actuator/info} and a
 * health contributor that never makes the instance unhealthy.
 */
package io.github.slo4j.spring;
