package org.schoolesia.it.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The access request form (R-REQ-1, R-REQ-2): the person as Госуслуги knows them, the child, the
 * cascade type → organisation → class (the script fetches the classes), a comment, «Отправить».
 */
public final class RequestFormPage extends EsiaAccountPage {

    private static final String FULL_NAME = "#school-request-fullname";
    private static final String BIRTH_DATE = "#school-request-birthdate";
    private static final String REFRESH = ".school-request-refresh";
    /** «Выбрать» by the type, for browsers without the script; the HTTP flows submit it. */
    public static final String REFRESH_TYPE = "#school-request-refresh-type";
    /** The classes offered; the HTTP flows read them. */
    public static final String CLASS_OPTIONS = "select#schoolClass option";
    private static final String TYPE = "schoolType";
    private static final String ORGANISATION = "organization";
    private static final String CLASS = "schoolClass";
    private static final String COMMENT = "#comment";
    /** «Отправить»; the HTTP flows submit the same button. */
    public static final String SEND = "#school-request-send";

    public RequestFormPage(Screen screen) {
        super(screen, "request");
    }

    public String fullName() {
        return textOf(FULL_NAME);
    }

    public String birthDate() {
        return textOf(BIRTH_DATE);
    }

    /** The child with this ESIA oid is the one chosen. */
    public boolean childChosen(String oid) {
        return css("input[name=child][value='" + oid + "']").isSelected();
    }

    /** «Выбрать» (for browsers without the script) is shown somewhere. */
    public boolean showsRefreshButtons() {
        return all(REFRESH).stream().anyMatch(WebElement::isDisplayed);
    }

    public boolean canChooseOrganisation() {
        return select(ORGANISATION).isEnabled();
    }

    /** What the organisation select shows (its hint while no type is chosen). */
    public String organisationShown() {
        return new Select(select(ORGANISATION)).getFirstSelectedOption().getText();
    }

    public String classShown() {
        return new Select(select(CLASS)).getFirstSelectedOption().getText();
    }

    /** Chooses the type; the organisations of that type come. */
    public RequestFormPage chooseType(String label) {
        new Select(select(TYPE)).selectByVisibleText(label);
        waitFor(d -> select(ORGANISATION).isEnabled());
        return this;
    }

    public List<String> organisations() {
        return options(ORGANISATION);
    }

    /** Chooses the organisation; its classes come from the server. */
    public RequestFormPage chooseOrganisation(String name) {
        new Select(select(ORGANISATION)).selectByVisibleText(name);
        waitFor(d -> select(CLASS).isEnabled());
        return this;
    }

    public List<String> classes() {
        return options(CLASS);
    }

    public RequestFormPage chooseClass(String name) {
        new Select(select(CLASS)).selectByVisibleText(name);
        return this;
    }

    public RequestFormPage writeComment(String comment) {
        css(COMMENT).sendKeys(comment);
        return this;
    }

    /** «Отправить». */
    public RequestSentPage send() {
        css(SEND).click();
        return new RequestSentPage(screen);
    }

    private WebElement select(String id) {
        return browser.findElement(By.id(id));
    }

    private List<String> options(String id) {
        return new Select(select(id)).getOptions().stream().map(WebElement::getText).toList();
    }
}
