/**
 * The event contract of canvas-campus-sync: every record that crosses a service boundary, the topic
 * names and the Kafka keys. Change it only by adding fields or types.
 */
package org.ccsync.contracts;
