/**
 * Alerts that leave the process: {@link io.github.slo4j.notify.AlertmanagerNotifier} posts them to
 * Prometheus Alertmanager's API v2, so a team's routing, grouping, silences and inhibition apply;
 * {@link io.github.slo4j.notify.WebhookNotifier} posts each one as a documented JSON document to a URL.
 *
 * <p>Both are {@link io.github.slo4j.monitor.AlertListener}s ({@link io.github.slo4j.notify.Notifier}):
 * add one to a monitor's builder. Delivery never blocks the ticker or a request thread: a
 * notification is put in a bounded queue that keeps the latest state of each alert, and one daemon
 * thread per notifier posts it, retrying with exponential backoff and jitter while the receiver is
 * down. Drops (a full queue, a refused payload, a close) are counted, never unbounded memory; the
 * counters are there for meters. The JSON is written by hand: slo-core needs no JSON library, and the
 * HTTP client is the JDK's ({@code java.net.http}).
 */
package io.github.slo4j.notify;
