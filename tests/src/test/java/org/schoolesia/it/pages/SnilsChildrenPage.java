package org.schoolesia.it.pages;

import java.util.List;

import org.openqa.selenium.WebElement;

/**
 * «Дети привязаны к вашей учетной записи» (R-FAM-3): after a Госуслуги login, the children whose
 * cards hold the parent's SNILS, shown once, and «Продолжить». The HTTP flows use the selectors.
 */
public final class SnilsChildrenPage extends Page {

    /** The page itself. */
    public static final String PAGE = "#school-snils-children-page";
    /** One line per child linked by this login: the name, then the organisation. */
    public static final String CHILD_NAMES = "#school-snils-children .school-snils-child-name";
    public static final String CONTINUE = "#school-snils-children-continue";

    public SnilsChildrenPage(Screen screen) {
        super(screen);
        waitForCss(PAGE);
    }

    public List<String> children() {
        return all(CHILD_NAMES).stream().map(WebElement::getText).toList();
    }

    /** «Продолжить»: on to the application. */
    public void proceed() {
        css(CONTINUE).click();
    }
}
