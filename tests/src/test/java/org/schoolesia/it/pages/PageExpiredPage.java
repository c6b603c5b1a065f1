package org.schoolesia.it.pages;

/** «Страница входа устарела»: Keycloak's "page has expired" in the school theme (back button, old tab). */
public final class PageExpiredPage extends StartAgainPage {

    public PageExpiredPage(Screen screen) {
        super(screen, "#school-page-expired");
    }
}
