package org.schoolesia.school.requests;

import org.schoolesia.school.orgs.Organisations;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.LinkAudit;
import org.schoolesia.school.orgs.cascade.CascadeLevel;
import org.schoolesia.school.orgs.cascade.CascadeSelection;
import org.schoolesia.school.orgs.cascade.OrganisationDirectory;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.orgs.OrganisationType;

/**
 * «Обратиться в организацию» as the person sees it after ESIA (R-REQ-1, R-REQ-2): the form, its
 * checks and the filing, for the ESIA step's pages {@code request}, {@code sent} and
 * {@code pending}. Who the person is (name, birth date, e-mail, SNILS, children) comes from what
 * ESIA said in this login, never from the form; the form only chooses the organisation, the class,
 * the child and adds a comment, and every choice is checked again here when sent.
 *
 * <p>Only confirmed ESIA persons of the roles parent and student file (R-ESIA-4; staff accounts are
 * linked by their organisation's administrator): the step does not open the form for anyone else.
 */
public final class RequestForm {

    private static final Logger LOG = Logger.getLogger(RequestForm.class);

    /** The template's model attribute: a {@link RequestFormView} or a {@link RequestNumbersView}. */
    public static final String ATTRIBUTE = "schoolRequest";

    /** Types a request may go to: an education authority has no pupils to give access to. */
    static final Set<String> TYPES = Set.of(OrganisationType.PRESCHOOL.code(), OrganisationType.SCHOOL.code(),
            OrganisationType.SUPPLEMENTARY.code());

    static final String TYPE_REQUIRED = "schoolRequestTypeRequired";
    static final String TYPE_UNKNOWN = "schoolRequestTypeUnknown";
    static final String ORGANISATION_REQUIRED = "schoolRequestOrganisationRequired";
    static final String ORGANISATION_UNKNOWN = "schoolRequestOrganisationUnknown";
    static final String CLASS_REQUIRED = "schoolRequestClassRequired";
    static final String CLASS_UNKNOWN = "schoolRequestClassUnknown";
    static final String CHILD_REQUIRED = "schoolRequestChildRequired";
    static final String CHILD_UNKNOWN = "schoolRequestChildUnknown";
    static final String COMMENT_TOO_LONG = "schoolRequestCommentTooLong";
    public static final String TOO_MANY = "schoolRequestTooMany";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final int MAX_EMAIL = 255;
    private static final int MAX_LOCALE = 8;

    /** What «Отправить» came to: a filing (new or the pending one given back), or the form again with messages. */
    public record Outcome(AccessRequests.Filing filing, List<FormMessage> fieldErrors, String pageError) {

        static Outcome filed(AccessRequests.Filing filing) {
            return new Outcome(filing, List.of(), null);
        }

        static Outcome refused(List<FormMessage> fieldErrors, String pageError) {
            return new Outcome(null, List.copyOf(fieldErrors), pageError);
        }

        public boolean isFiled() {
            return filing != null;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganisationDirectory directory;
    private final EsiaPersonFacts person;
    private final String email;
    private final EsiaChildren children;
    private final SchoolRole role;
    private final AccessRequests requests;
    private final Clock clock;

    /**
     * @param esiaData the brokered context's data of this login (what ESIA said)
     * @param directory the organisations the login cascade offers (enabled, placeable)
     */
    public RequestForm(KeycloakSession session, RealmModel realm, OrganisationDirectory directory, Map<String, ?> esiaData,
                       SchoolRole role, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.directory = directory;
        this.person = EsiaPersonFacts.from(esiaData);
        Object mail = esiaData.get(EsiaNotes.EMAIL);
        String e = mail == null ? null : mail.toString().trim();
        this.email = e == null || e.isEmpty() || e.length() > MAX_EMAIL ? null : e;
        this.children = EsiaChildren.from(esiaData);
        this.role = role;
        this.requests = new AccessRequests(session, realm, clock);
        this.clock = clock;
    }

    /** Only parents and students file; a parent needs a child ESIA lists (R-REQ-1: the child's data on Госуслуги first). */
    public boolean maySend() {
        if (!person.trusted() || role == SchoolRole.STAFF) {
            return false;
        }
        return role != SchoolRole.PARENT || !children.all().isEmpty();
    }

    // --- pages ---------------------------------------------------------------------------------

    /** The form with what was chosen and typed so far; choices that name nothing (any more) are dropped. */
    public RequestFormView view(RequestChoices choices) {
        String type = TYPES.contains(choices.type()) && directory.typeCodes().contains(choices.type()) ? choices.type() : "";
        List<RequestFormView.Option> types = directory.typeCodes().stream().filter(TYPES::contains)
                .map(code -> new RequestFormView.Option(code, code, code.equals(type))).toList();

        List<RequestFormView.Option> organisations = new ArrayList<>();
        String alias = "";
        if (!type.isEmpty()) {
            for (var entry : directory.organisations(CascadeSelection.NONE.with(CascadeLevel.TYPE, type))) {
                boolean chosen = entry.alias().equals(choices.organisation());
                alias = chosen ? entry.alias() : alias;
                organisations.add(new RequestFormView.Option(entry.alias(), entry.name(), chosen));
            }
        }
        List<RequestFormView.Option> classes = new ArrayList<>();
        OrganizationModel organisation = alias.isEmpty() ? null : organisation(alias, type);
        if (organisation != null) {
            for (GroupModel g : SchoolClasses.of(session, organisation)) {
                classes.add(new RequestFormView.Option(g.getId(), g.getName(), g.getId().equals(choices.schoolClass())));
            }
        }
        List<RequestFormView.Option> kids = new ArrayList<>();
        if (role == SchoolRole.PARENT) {
            List<AccessRequest.Child> all = children.all();
            for (AccessRequest.Child c : all) {
                // The only child is chosen already: nothing to choose.
                boolean chosen = c.esiaOid().equals(choices.child()) || (all.size() == 1 && choices.child().isEmpty());
                String born = c.birthDate() == null ? "" : ", " + DATE.format(c.birthDate());
                kids.add(new RequestFormView.Option(c.esiaOid(), c.fullName() + born, chosen));
            }
        }
        String classesUrl = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("school").path("organisations").build().toString() + "/";
        return new RequestFormView(fullName(), person.birthDate() == null ? "" : DATE.format(person.birthDate()),
                email == null ? "" : email, role.code(), role == SchoolRole.PARENT, kids, types, organisations, classes,
                !type.isEmpty(), organisation != null, choices.comment(), maySend(), directory.toJson(), classesUrl);
    }

    /** The person's requests of this role still waiting, oldest first (R-REQ-3: staff have not decided yet). */
    public List<AccessRequest> pending() {
        if (person.oid() == null) {
            return List.of();
        }
        return requests.pendingOf(person.oid()).stream().filter(r -> r.role() == role).toList();
    }

    /** How long the not-found page reminds a person of a rejection. */
    static final Duration REJECTION_SHOWN = Duration.ofDays(30);

    /** The person's latest rejection of this role (R-REQ-4 at the next login): number, organisation, staff comment. */
    public Optional<RequestNumbersView> lastRejection() {
        if (person.oid() == null) {
            return Optional.empty();
        }
        return requests.lastRejectedOf(person.oid(), clock.instant().minus(REJECTION_SHOWN))
                .filter(r -> r.role() == role)
                .map(r -> new RequestNumbersView(List.of(entry(r)), false, r.decisionComment()));
    }

    public RequestNumbersView pendingView(List<AccessRequest> pending) {
        return new RequestNumbersView(pending.stream().map(this::entry).toList(), false);
    }

    public RequestNumbersView sentView(AccessRequests.Filing filing) {
        return new RequestNumbersView(List.of(entry(filing.request())), filing.created());
    }

    private RequestNumbersView.Entry entry(AccessRequest request) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = organisations == null ? null : organisations.getById(request.organisationId());
        return new RequestNumbersView.Entry(request.number(), org == null ? "" : org.getName());
    }

    // --- «Отправить» ------------------------------------------------------------------------------

    /**
     * Checks every choice against the database and ESIA, then files (R-REQ-2). The person's pending
     * request to the same organisation with the same role is given back instead of a second one and counts against no
     * limit; a new filing takes a slot under the per-person and the per-address limit first.
     *
     * @param address the client's address, for the per-address limit
     * @param event the flow's event builder (client, IP, auth session) for the audit
     * @param locale the page's language, kept for the answer e-mail
     */
    public Outcome send(RequestChoices choices, String address, RequestLimits.Settings limits, EventBuilder event, String locale) {
        if (!maySend()) {
            return Outcome.refused(List.of(), null);
        }
        List<FormMessage> errors = new ArrayList<>();
        OrganizationModel organisation = null;
        GroupModel schoolClass = null;
        if (choices.type().isEmpty()) {
            errors.add(new FormMessage(RequestChoices.TYPE, TYPE_REQUIRED));
        } else if (!TYPES.contains(choices.type())) {
            errors.add(new FormMessage(RequestChoices.TYPE, TYPE_UNKNOWN));
        } else if (choices.organisation().isEmpty()) {
            errors.add(new FormMessage(RequestChoices.ORGANISATION, ORGANISATION_REQUIRED));
        } else {
            organisation = organisation(choices.organisation(), choices.type());
            if (organisation == null) {
                errors.add(new FormMessage(RequestChoices.ORGANISATION, ORGANISATION_UNKNOWN));
            } else {
                List<GroupModel> classes = SchoolClasses.of(session, organisation);
                if (choices.schoolClass().isEmpty()) {
                    if (!classes.isEmpty()) {
                        errors.add(new FormMessage(RequestChoices.CLASS, CLASS_REQUIRED));
                    }
                } else {
                    schoolClass = SchoolClasses.find(classes, choices.schoolClass()).orElse(null);
                    if (schoolClass == null) {
                        errors.add(new FormMessage(RequestChoices.CLASS, CLASS_UNKNOWN));
                    }
                }
            }
        }
        AccessRequest.Child child = null;
        if (role == SchoolRole.PARENT) {
            if (choices.child().isEmpty()) {
                errors.add(new FormMessage(RequestChoices.CHILD, CHILD_REQUIRED));
            } else {
                child = children.byOid(choices.child()).orElse(null);
                if (child == null) {
                    errors.add(new FormMessage(RequestChoices.CHILD, CHILD_UNKNOWN));
                }
            }
        }
        Optional<String> comment = RequestComment.clean(choices.comment());
        if (comment.isEmpty()) {
            errors.add(new FormMessage(RequestChoices.COMMENT, COMMENT_TOO_LONG, String.valueOf(RequestComment.MAX_LENGTH)));
        }
        if (!errors.isEmpty()) {
            LOG.debugf("ESIA person %s: request form refused (%s)", person.oid(),
                    String.join(", ", errors.stream().map(FormMessage::getMessage).toList()));
            return Outcome.refused(errors, null);
        }

        String organisationId = organisation.getId();
        Optional<AccessRequest> already = requests.pendingOf(person.oid()).stream()
                .filter(r -> organisationId.equals(r.organisationId()) && r.role() == role).findFirst();
        if (already.isPresent()) {
            RequestAudit.filed(event, already.get(), false);
            return Outcome.filed(new AccessRequests.Filing(already.get(), false));
        }

        RequestLimits slots = new RequestLimits(session.singleUseObjects());
        Optional<List<String>> taken = slots.take(realm.getId(), person.oid(), address, limits);
        if (taken.isEmpty()) {
            LOG.infof("ESIA person %s: access request refused, too many requests from the person or the address", person.oid());
            event.clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, RequestAudit.ACTION)
                    .detail(RequestAudit.STEP, "refused")
                    .detail(RequestAudit.ORGANISATION, organisationId)
                    .detail(LinkAudit.ESIA_OID, person.oid())
                    .detail(Details.REASON, "too_many_requests")
                    .error("too_many_requests");
            return Outcome.refused(List.of(), TOO_MANY);
        }
        boolean keepSlots = false;
        try {
            AccessRequest.Person filer = new AccessRequest.Person(person.oid(), person.lastName(), person.firstName(),
                    person.middleName(), person.birthDate(), email, person.snils(), person.trusted());
            String language = locale == null ? null : locale.length() > MAX_LOCALE ? locale.substring(0, MAX_LOCALE) : locale;
            AccessRequests.Filing filing = requests.file(new RequestDraft(filer, role, organisation, schoolClass, child,
                    comment.get(), language));
            keepSlots = filing.created();
            RequestAudit.filed(event, filing.request(), filing.created());
            return Outcome.filed(filing);
        } finally {
            if (!keepSlots) {
                // The pending request given back (another tab filed first) or nothing filed: nothing to count.
                slots.release(taken.get());
            }
        }
    }

    /** An enabled organisation of the chosen type; anything else is absent. */
    private OrganizationModel organisation(String alias, String type) {
        OrganizationModel org = Organisations.byAlias(session, alias);
        if (org == null || !org.isEnabled()) {
            return null;
        }
        List<String> types = org.getAttributes() == null ? null : org.getAttributes().get(OrganisationAttributes.TYPE);
        String code = types == null || types.isEmpty() ? null
                : OrganisationType.of(types.get(0)).map(OrganisationType::code).orElse(null);
        return type.equals(code) ? org : null;
    }

    private String fullName() {
        return String.join(" ", Stream.of(person.lastName(), person.firstName(), person.middleName())
                .filter(s -> s != null && !s.isBlank()).toList());
    }
}
