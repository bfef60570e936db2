package com.couchcart.overlay;

/** A content as the admin API shows it. */
public record ContentView(String id, String title, ContentInfo.Kind kind, Long durationMs, long version) {

    static ContentView of(ContentInfo content) {
        return new ContentView(content.id(), content.title(), content.kind(), content.durationMs(), content.version());
    }
}
