package dev.palette.sdk.provider.aws.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Query API request body, with the indexed-list encodings EC2 ({@code X.1}) and ELBv2 ({@code X.member.1}) use. */
final class Form {
    private final Map<String, String> params;

    Form(Map<String, String> params) {
        this.params = params;
    }

    static Form parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return new Form(m);
    }

    String get(String key) {
        return params.get(key);
    }

    String get(String key, String dflt) {
        return params.getOrDefault(key, dflt);
    }

    /** The values of {@code prefix.1}, {@code prefix.2}, … in order. */
    List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            out.add(params.get(prefix + "." + i));
        }
        return out;
    }

    /** The structures {@code prefix.1.*}, {@code prefix.2.*}, … as forms of their own keys. */
    List<Form> objects(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.(.+)");
        Map<Integer, Map<String, String>> byIndex = new java.util.TreeMap<>();
        params.forEach((k, v) -> {
            Matcher m = p.matcher(k);
            if (m.matches()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>()).put(m.group(2), v);
            }
        });
        return byIndex.values().stream().map(Form::new).toList();
    }

    /** EC2 filters: name to accepted values. */
    Map<String, List<String>> filters() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        for (Form filter : objects("Filter")) {
            f.put(filter.get("Name"), filter.list("Value"));
        }
        return f;
    }

    /** Tags of one resource type from {@code TagSpecification.N}. */
    Map<String, String> tagSpec(String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Form spec : objects("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                spec.objects("Tag").forEach(t -> tags.put(t.get("Key"), t.get("Value", "")));
            }
        }
        return tags;
    }

    /** Tags of an ELBv2 create call. */
    Map<String, String> elbTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        objects("Tags.member").forEach(t -> tags.put(t.get("Key"), t.get("Value", "")));
        return tags;
    }
}
