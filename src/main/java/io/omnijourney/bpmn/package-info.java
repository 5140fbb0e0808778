/**
 * The vocabulary Java code and the BPMN diagrams share (variable, message, event and property
 * names, the playbook naming, the root journey); every feature uses it, so it imports none.
 */
package io.omnijourney.bpmn;
