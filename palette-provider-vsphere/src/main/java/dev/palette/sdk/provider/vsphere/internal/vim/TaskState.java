package dev.palette.sdk.provider.vsphere.internal.vim;

import java.util.Optional;

/**
 * How a vCenter task is going.
 *
 * @param done whether it has ended
 * @param result the id of the object it made (a clone's machine), if any
 * @param error why it failed, if it did
 */
public record TaskState(boolean done, Optional<String> result, Optional<VimFault> error) {
    /** A task still queued or running. */
    public static final TaskState RUNNING = new TaskState(false, Optional.empty(), Optional.empty());
}
