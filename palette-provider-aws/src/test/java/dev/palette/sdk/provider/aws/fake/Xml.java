package dev.palette.sdk.provider.aws.fake;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Writes the XML of EC2's and ELBv2's Query API answers, in the shapes of the published examples. */
final class Xml {
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private final StringBuilder sb = new StringBuilder();

    Xml open(String tag) {
        sb.append('<').append(tag).append('>');
        return this;
    }

    Xml close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    Xml leaf(String tag, Object value) {
        if (value != null) {
            sb.append('<').append(tag).append('>').append(escape(String.valueOf(value))).append("</").append(tag).append('>');
        }
        return this;
    }

    Xml wrap(String tag, Consumer<Xml> body) {
        open(tag);
        body.accept(this);
        return close(tag);
    }

    /** EC2 lists: {@code <tag><item>…</item></tag>}. */
    <T> Xml items(String tag, Collection<T> values, BiConsumer<Xml, T> item) {
        return list(tag, "item", values, item);
    }

    /** ELBv2 lists: {@code <Tag><member>…</member></Tag>}. */
    <T> Xml members(String tag, Collection<T> values, BiConsumer<Xml, T> item) {
        return list(tag, "member", values, item);
    }

    private <T> Xml list(String tag, String element, Collection<T> values, BiConsumer<Xml, T> item) {
        open(tag);
        for (T v : values) {
            open(element);
            item.accept(this, v);
            close(element);
        }
        return close(tag);
    }

    Xml tagSet(Map<String, String> tags) {
        return items("tagSet", tags.entrySet(), (x, e) -> x.leaf("key", e.getKey()).leaf("value", e.getValue()));
    }

    static String ec2(String action, Consumer<Xml> body) {
        Xml x = new Xml();
        x.sb.append('<').append(action).append("Response xmlns=\"").append(EC2_NS).append("\">");
        x.leaf("requestId", UUID.randomUUID());
        body.accept(x);
        return x.close(action + "Response").sb.toString();
    }

    static String elb(String action, Consumer<Xml> body) {
        Xml x = new Xml();
        x.sb.append('<').append(action).append("Response xmlns=\"").append(ELB_NS).append("\">");
        x.wrap(action + "Result", body);
        x.wrap("ResponseMetadata", m -> m.leaf("RequestId", UUID.randomUUID()));
        return x.close(action + "Response").sb.toString();
    }

    static String ec2Error(String code, String message) {
        return new Xml().wrap("Response", r -> r.wrap("Errors", e -> e.wrap("Error", x -> x.leaf("Code", code)
                .leaf("Message", message))).leaf("RequestID", UUID.randomUUID())).sb.toString();
    }

    static String elbError(String code, String message) {
        Xml x = new Xml();
        x.sb.append("<ErrorResponse xmlns=\"").append(ELB_NS).append("\">");
        x.wrap("Error", e -> e.leaf("Type", "Sender").leaf("Code", code).leaf("Message", message));
        return x.leaf("RequestId", UUID.randomUUID()).close("ErrorResponse").sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
