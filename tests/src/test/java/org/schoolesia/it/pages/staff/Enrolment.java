package org.schoolesia.it.pages.staff;

import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.it.pages.Viewport;

/** «Зачисление»: pupils of other organisations, «Быстрый ввод», «Импорт учеников». */
public class Enrolment extends StaffConsole {

    Enrolment(WebDriver chromium) {
        super(chromium);
    }

    public boolean offersOtherOrganisations() {
        return present("cand-form");
    }

    public String searchOthers(String surname, String birthdate) {
        chromium.findElement(By.id("cand-surname")).sendKeys(surname);
        if (birthdate != null) {
            js("document.getElementById('cand-birthdate').value = arguments[0];", birthdate);
        }
        press(chromium.findElement(By.id("cand-search")));
        Viewport.waitFor(chromium, d -> !text("cand-results").isEmpty());
        return text("cand-results");
    }

    /** «Быстрый ввод» of a child and a parent (dates yyyy-MM-dd, gender M/F); answers the outcome text. */
    public String quickEntry(String last, String first, String middle, String birthdate, String gender, String parentLast, String parentFirst,
                             String parentMiddle, String parentBirthdate, String parentGender) {
        type("qe-student-last", last);
        type("qe-student-first", first);
        type("qe-student-middle", middle);
        js("document.getElementById('qe-student-birthdate').value = arguments[0];", birthdate);
        new Select(chromium.findElement(By.id("qe-student-gender"))).selectByValue(gender);
        type("qe-parent-last", parentLast);
        type("qe-parent-first", parentFirst);
        type("qe-parent-middle", parentMiddle);
        js("document.getElementById('qe-parent-birthdate').value = arguments[0];", parentBirthdate);
        new Select(chromium.findElement(By.id("qe-parent-gender"))).selectByValue(parentGender);
        press(chromium.findElement(By.id("qe-create")));
        Viewport.waitFor(chromium, d -> !text("qe-outcome").isEmpty());
        return text("qe-outcome");
    }

    public String importFile(Path csv) {
        chromium.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        press(chromium.findElement(By.id("import-run")));
        Viewport.waitFor(chromium, d -> !text("import-outcome").isEmpty());
        return text("import-outcome");
    }

    private void type(String id, String value) {
        chromium.findElement(By.id(id)).sendKeys(value);
    }
}
