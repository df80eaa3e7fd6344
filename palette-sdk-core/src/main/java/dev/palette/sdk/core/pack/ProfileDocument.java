package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import java.util.List;
import java.util.Objects;

/**
 * The profiles of one file and the shape they were written in, so that they can be written back the
 * same way. Most files hold one profile; a {@link ProfileFormat#CHART_LIST_YAML} file may hold several.
 *
 * @param format the shape and syntax of the file
 * @param profiles the profiles, in file order; at least one
 */
public record ProfileDocument(ProfileFormat format, List<ClusterProfile> profiles) {
    /**
     * Validates and copies the components.
     *
     * @param format the format
     * @param profiles the profiles
     */
    public ProfileDocument {
        Objects.requireNonNull(format, "format");
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a profile document holds at least one profile");
        }
    }

    /**
     * A document of one profile.
     *
     * @param format the format
     * @param profile the profile
     * @return the document
     */
    public static ProfileDocument of(ProfileFormat format, ClusterProfile profile) {
        return new ProfileDocument(format, List.of(profile));
    }

    /**
     * The document's only profile.
     *
     * @return the profile
     * @throws ValidationException if the document holds several
     */
    public ClusterProfile profile() {
        if (profiles.size() != 1) {
            throw new ValidationException("profiles", "the file holds " + profiles.size()
                    + " profiles (" + String.join(", ", profiles.stream().map(ClusterProfile::name).toList())
                    + "); use profiles()");
        }
        return profiles.get(0);
    }
}
