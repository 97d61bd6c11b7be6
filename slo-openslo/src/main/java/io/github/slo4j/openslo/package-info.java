/**
 * OpenSLO v1 for slo4j: {@link io.github.slo4j.openslo.OpenSlo#read(java.nio.file.Path)} reads
 * OpenSLO documents (files, multi-document streams, directories) into slo4j {@link
 * io.github.slo4j.SloDefinition}s and {@link io.github.slo4j.monitor.AlertRules}, keeping what has no
 * meaning in-process (data-source queries, notification targets, display names, labels) as metadata;
 * {@link io.github.slo4j.openslo.OpenSlo#write(io.github.slo4j.SloDefinition,
 * io.github.slo4j.monitor.AlertRules)} writes definitions back, so that writing then reading is the
 * identity on everything OpenSLO can express. Every refusal is an {@link
 * io.github.slo4j.openslo.OpenSloException} naming the file, the line, the column and the field.
 *
 * <p>A module of its own ({@code io.github.slo4j.openslo}) so that the YAML parser never reaches a
 * service that only records.
 */
package io.github.slo4j.openslo;
