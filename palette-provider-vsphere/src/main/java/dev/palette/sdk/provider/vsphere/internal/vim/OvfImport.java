package dev.palette.sdk.provider.vsphere.internal.vim;

import java.nio.file.Path;
import java.util.Map;

/**
 * An OVF package to import as a machine.
 *
 * @param descriptor the OVF descriptor (XML)
 * @param files the package's files the descriptor refers to (disks), by their name in the descriptor
 * @param name the machine's name
 * @param placement where it goes (its folder, pool, datastore)
 * @param network the network its NICs connect to
 */
public record OvfImport(String descriptor, Map<String, Path> files, String name, Placement placement, String network) {
}
