package org.schoolesia.it.pages;

import java.util.List;

/** «Запрос ожидает рассмотрения»: the person's requests still pending, and «Обратиться в другую организацию». */
public final class PendingRequestPage extends EsiaAccountPage {

    /** The pending requests, each with its {@code data-number}; the HTTP flows read the same list. */
    public static final String NUMBERS = "#school-request-pending li[data-number]";
    /** «Обратиться в другую организацию». */
    public static final String ANOTHER = "#school-request-another";

    public PendingRequestPage(Screen screen) {
        super(screen, "pending");
    }

    /** The numbers shown, oldest first. */
    public List<String> numbers() {
        return all(NUMBERS).stream().map(li -> li.getAttribute("data-number")).toList();
    }

    public boolean offersAnotherOrganisation() {
        return shown(ANOTHER);
    }
}
