/**
 * The scoring service (stage: serve): {@link dev.occam.serve.OccamServer} answers JSON over HTTP for every
 * model in a folder, with reason codes, guardrails, versions picked up while it runs, Prometheus metrics and an
 * OpenAPI document. It only translates between JSON and the runtime's {@code Model}; no modelling happens here,
 * and nothing here depends on the training code.
 */
package dev.occam.serve;
