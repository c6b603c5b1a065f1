// Over 400 lines: ESIA's authorize, token and logout endpoints share one signed-request check; the emulator is never deployed.
package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.schoolesia.emulator.EmulatorConfig.RegisteredSystem;
import org.schoolesia.emulator.EsiaEmulator.IssuedCode;
import org.schoolesia.emulator.EsiaEmulator.Mode;
import org.schoolesia.emulator.EsiaEmulator.Pending;
import org.schoolesia.emulator.EsiaEmulator.RefreshGrant;

/**
 * ESIA's OAuth endpoints: authorization (v2 raw GOST signature, legacy CMS), the picker's confirm,
 * token (v3 and legacy) and logout. Checks run in ESIA's order; errors are answered as ESIA does.
 */
final class EsiaProtocol {
    static final String SIGNATURE_ORDER_HEADER = "X-Emulator-Signature-Order";
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuu.MM.dd HH:mm:ss Z").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final EsiaEmulator emu;
    private final EmulatorConfig config;

    EsiaProtocol(EsiaEmulator emu) {
        this.emu = emu;
        this.config = emu.config();
    }

    // ---------------------------------------------------------------- authorization

    void authorize(Call c, Mode mode) throws IOException {
        String clientId = c.param("client_id");
        RegisteredSystem sys = config.system(clientId);
        if (sys == null) {
            errorPage(c, new EsiaError("007002", clientId == null || clientId.isEmpty() ? "client_id" : null));
            return;
        }
        String redirect = c.param("redirect_uri");
        if (!sys.redirectAllowed(redirect)) {
            errorPage(c, new EsiaError("007023", "redirect_uri"));
            return;
        }
        String state = c.param("state");
        try {
            if (emu.faults().isArmed(Fault.AUTHORIZE_ERROR)) {
                throw EsiaError.ofFault(emu.faults().arg(Fault.AUTHORIZE_ERROR));
            }
            List<String> mandatory = mode == Mode.V2
                    ? List.of("client_secret", "client_certificate_hash", "scope", "response_type", "state", "timestamp")
                    : List.of("client_secret", "scope", "response_type", "state", "timestamp");
            requirePresent(c, mandatory);
            if (!"code".equals(c.param("response_type"))) {
                throw new EsiaError("007014", "unsupported_response_type", "response_type");
            }
            String accessType = c.param("access_type");
            if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
                throw EsiaError.missing("access_type");
            }
            requireUuid(state);
            checkTimestamp(c.param("timestamp"));
            String scope = c.param("scope");
            String scopeOrg = nz(c.param("scope_org"));
            String order;
            if (mode == Mode.V2) {
                checkCertificateHash(sys, c.param("client_certificate_hash"));
                order = checkRawSignature(sys, c.param("client_secret"),
                        clientId + scope + scopeOrg + c.param("timestamp") + state + redirect);
            } else {
                order = checkCmsSignature(sys, c.param("client_secret"), scope + c.param("timestamp") + clientId + state);
            }
            checkScopes(sys, scope);
            String challenge = c.param("code_challenge");
            String challengeMethod = c.param("code_challenge_method");
            if (challenge != null && !challenge.isEmpty()) {
                if (challengeMethod == null || challengeMethod.isEmpty()) {
                    challengeMethod = "plain";
                }
                if (!challengeMethod.equals("S256") && !challengeMethod.equals("plain")) {
                    throw EsiaError.missing("code_challenge_method");
                }
            } else {
                challenge = null;
                challengeMethod = null;
            }
            String requestId = emu.pendingFor(new Pending(mode, clientId, redirect, state, scope, scopeOrg,
                    "offline".equals(accessType), challenge, challengeMethod, null, System.currentTimeMillis()));
            c.setHeader(SIGNATURE_ORDER_HEADER, order);
            c.outcome = "picker (signature " + order + ")";
            c.html(200, Pages.picker(mode == Mode.V2 ? "/aas/oauth2/v2/ac/confirm" : "/aas/oauth2/ac/confirm",
                    requestId, clientId, splitScope(scope), config.persons()));
        } catch (EsiaError e) {
            redirectError(c, redirect, e, state);
        }
    }

    void confirm(Call c) throws IOException {
        String requestId = c.param("request");
        Pending p = requestId == null ? null : emu.pending.remove(requestId);
        if (p == null || System.currentTimeMillis() - p.createdAt() > EsiaEmulator.PENDING_LIFETIME_MS) {
            c.outcome = "unknown or expired request";
            c.html(400, Pages.error("Запрос авторизации не найден или устарел", null,
                    "Начните вход заново из информационной системы."));
            return;
        }
        if (c.param("deny") != null) {
            EsiaError denied = new EsiaError("007004", null);
            if (p.mode() == Mode.OIDC) {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("error", "access_denied");
                q.put("error_description", "The user refused to grant access");
                q.put("state", p.state());
                c.outcome = "denied";
                c.redirect(Call.withParams(p.redirectUri(), q));
            } else {
                redirectError(c, p.redirectUri(), denied, p.state());
            }
            return;
        }
        String oid = c.param("oid");
        if (oid == null || config.person(oid) == null) {
            c.outcome = "unknown person";
            c.html(400, Pages.error("Пользователь не найден", null, "Выберите пользователя из списка."));
            return;
        }
        long now = System.currentTimeMillis();
        String code = EsiaEmulator.randomToken();
        emu.codes.put(code, new IssuedCode(p.mode(), p.clientId(), p.redirectUri(), oid, p.scope(), p.scopeOrg(),
                p.offline(), p.codeChallenge(), p.codeChallengeMethod(), p.nonce(), now / 1000,
                now + config.codeLifetimeSeconds() * 1000));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code", code);
        q.put("state", p.state());
        c.outcome = "code issued for " + oid;
        c.redirect(Call.withParams(p.redirectUri(), q));
    }

    // ---------------------------------------------------------------- token

    void token(Call c, Mode mode) throws IOException {
        String state = null;
        try {
            state = c.param("state");
            String clientId = c.param("client_id");
            RegisteredSystem sys = config.system(clientId);
            if (sys == null) {
                throw new EsiaError("007002", clientId == null || clientId.isEmpty() ? "client_id" : null);
            }
            if (emu.faults().isArmed(Fault.TOKEN_ERROR)) {
                throw EsiaError.ofFault(emu.faults().arg(Fault.TOKEN_ERROR));
            }
            String grantType = c.param("grant_type");
            if (grantType == null || grantType.isEmpty()) {
                throw EsiaError.missing("grant_type");
            }
            boolean refresh = grantType.equals("refresh_token");
            if (!refresh && !grantType.equals("authorization_code")) {
                throw new EsiaError("007014", "unsupported_grant_type", "grant_type");
            }
            String grantParam = refresh ? "refresh_token" : "code";
            List<String> mandatory = new ArrayList<>(List.of(grantParam));
            if (mode == Mode.V2) {
                mandatory.add("client_certificate_hash");
            }
            mandatory.addAll(List.of("client_secret", "state", "redirect_uri", "scope", "timestamp", "token_type"));
            requirePresent(c, mandatory);
            if (!"Bearer".equals(c.param("token_type"))) {
                throw EsiaError.missing("token_type");
            }
            requireUuid(state);
            String timestamp = c.param("timestamp");
            checkTimestamp(timestamp);
            String scope = c.param("scope");
            String scopeOrg = nz(c.param("scope_org"));
            String redirect = c.param("redirect_uri");
            String grantValue = c.param(grantParam);
            String order;
            if (mode == Mode.V2) {
                checkCertificateHash(sys, c.param("client_certificate_hash"));
                // For refresh_token the signed string is ours to choose (libraries disagree): the
                // authorization string plus the refresh token, mirroring the code exchange.
                order = checkRawSignature(sys, c.param("client_secret"),
                        clientId + scope + scopeOrg + timestamp + state + redirect + grantValue);
            } else {
                // Legacy token requests sign the same string as the legacy authorization.
                order = checkCmsSignature(sys, c.param("client_secret"), scope + timestamp + clientId + state);
            }
            c.setHeader(SIGNATURE_ORDER_HEADER, order);
            checkScopes(sys, scope);
            ObjectNode response = refresh ? refreshGrant(sys, grantValue, state) : codeGrant(c, sys, grantValue, redirect, state);
            c.outcome = "tokens issued (" + grantType + ", signature " + order + ")";
            c.json(200, response);
        } catch (EsiaError e) {
            ObjectNode err = Jwt.JSON.createObjectNode();
            err.put("error", e.error);
            err.put("error_description", e.description());
            if (state != null) {
                err.put("state", state);
            }
            c.outcome = "ESIA-" + e.code;
            c.json(400, err);
        }
    }

    private ObjectNode codeGrant(Call c, RegisteredSystem sys, String code, String redirect, String state) throws IOException {
        IssuedCode issued = emu.codes.get(code);
        if (issued == null || issued.mode() == Mode.OIDC || issued.expiresAt() < System.currentTimeMillis()
                || !issued.clientId().equals(sys.clientId())) {
            throw new EsiaError("007011", "code");
        }
        if (!issued.redirectUri().equals(redirect)) {
            throw new EsiaError("007011", "redirect_uri");
        }
        if (issued.codeChallenge() != null) {
            String verifier = c.param("code_verifier");
            if (verifier == null || verifier.isEmpty()) {
                throw EsiaError.missing("code_verifier");
            }
            if (!pkceMatches(issued.codeChallenge(), issued.codeChallengeMethod(), verifier)) {
                throw new EsiaError("007011", "code_verifier");
            }
        }
        if (!emu.codes.remove(code, issued)) {
            throw new EsiaError("007011", "code");
        }
        return issueTokens(sys, issued.oid(), issued.scope(), issued.authTime(), issued.offline(), state);
    }

    private ObjectNode refreshGrant(RegisteredSystem sys, String refreshToken, String state) {
        RefreshGrant g = emu.refreshTokens.get(refreshToken);
        if (g == null || !g.clientId().equals(sys.clientId()) || !emu.refreshTokens.remove(refreshToken, g)) {
            throw new EsiaError("007011", "refresh_token");
        }
        return issueTokens(sys, g.oid(), g.scope(), g.authTime(), true, state);
    }

    static boolean pkceMatches(String challenge, String method, String verifier) {
        if ("S256".equals(method)) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return MessageDigest.isEqual(Crypto.b64url(h).getBytes(StandardCharsets.US_ASCII),
                        challenge.getBytes(StandardCharsets.US_ASCII));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return MessageDigest.isEqual(verifier.getBytes(StandardCharsets.UTF_8), challenge.getBytes(StandardCharsets.UTF_8));
    }

    ObjectNode issueTokens(RegisteredSystem sys, String oid, String scope, long authTime, boolean offline, String state) {
        Faults f = emu.faults();
        long now = System.currentTimeMillis() / 1000;
        long lifetime = config.tokenLifetimeSeconds();
        ObjectNode person = config.person(oid);
        String alg = sys.gostTokens() ? Jwt.GOST : Jwt.RS256;
        PrivateKey key = sys.gostTokens() ? config.gostKey().privateKey() : config.rsaKey().privateKey();
        String sid = UUID.randomUUID().toString();

        ObjectNode id = Jwt.JSON.createObjectNode();
        long idIat = f.isArmed(Fault.ID_TOKEN_EXPIRED) ? now - 600 - lifetime : now;
        id.put("iss", f.isArmed(Fault.ID_TOKEN_WRONG_ISSUER) ? "http://wrong-issuer.example/" : config.issuer());
        id.put("aud", f.isArmed(Fault.ID_TOKEN_WRONG_AUDIENCE) ? "OTHER-SYSTEM" : sys.clientId());
        id.put("sub", f.isArmed(Fault.ID_TOKEN_SUB_MISMATCH) ? otherOid(oid) : oid);
        id.put("nbf", idIat);
        id.put("iat", idIat);
        id.put("exp", idIat + lifetime);
        id.put("auth_time", f.isArmed(Fault.ID_TOKEN_EXPIRED) ? idIat : authTime);
        id.put("amr", "PWD");
        ObjectNode sbj = id.putObject("urn:esia:sbj");
        sbj.put("urn:esia:sbj:typ", "P");
        sbj.put("urn:esia:sbj:oid", Long.parseLong(oid));
        sbj.put("urn:esia:sbj:nam", "OID." + oid);
        if (person != null && person.path("trusted").asBoolean(false)) {
            sbj.put("urn:esia:sbj:is_tru", true);
        }
        sbj.put("urn:esia:sbj:lvl", person == null ? "P" : person.path("level").asText("P"));
        id.put("urn:esia:sid", sid);
        PrivateKey idKey = f.isArmed(Fault.ID_TOKEN_BAD_SIGNATURE) ? emu.foreignKey(sys.gostTokens()).getPrivate() : key;
        String idToken = Jwt.sign(Jwt.header(alg, "id", null), id, idKey);

        ObjectNode access = Jwt.JSON.createObjectNode();
        access.put("iss", config.issuer());
        access.put("client_id", sys.clientId());
        access.put("scope", String.join(" ", splitScope(scope)));
        access.put("urn:esia:sbj_id", Long.parseLong(oid));
        access.put("urn:esia:sid", sid);
        access.put("nbf", now);
        access.put("iat", now);
        access.put("exp", now + lifetime);
        String accessToken = Jwt.sign(Jwt.header(alg, "access", null), access, key);

        ObjectNode r = Jwt.JSON.createObjectNode();
        r.put("access_token", accessToken);
        r.put("id_token", idToken);
        if (offline) {
            String rt = UUID.randomUUID().toString();
            emu.refreshTokens.put(rt, new RefreshGrant(sys.clientId(), oid, scope, authTime));
            r.put("refresh_token", rt);
        }
        r.put("state", f.isArmed(Fault.TOKEN_STATE_MISMATCH) ? UUID.randomUUID().toString() : state);
        r.put("token_type", "Bearer");
        r.put("expires_in", lifetime);
        return r;
    }

    private String otherOid(String oid) {
        for (ObjectNode p : config.persons()) {
            String o = p.path("oid").asText();
            if (!o.equals(oid)) {
                return o;
            }
        }
        return String.valueOf(Long.parseLong(oid) + 1);
    }

    // ---------------------------------------------------------------- logout

    void logout(Call c) throws IOException {
        RegisteredSystem sys = config.system(c.param("client_id"));
        String target = c.param("redirect_url");
        if (sys == null || !sys.redirectAllowed(target)) {
            c.outcome = sys == null ? "ESIA-007002" : "ESIA-007023";
            c.html(400, Pages.error("Ошибка выхода", sys == null ? "007002" : "007023",
                    sys == null ? "Система не зарегистрирована" : "Адрес возврата не зарегистрирован для системы"));
            return;
        }
        c.outcome = "logged out";
        c.redirect(target);
    }

    // ---------------------------------------------------------------- checks

    private static void requirePresent(Call c, List<String> names) throws IOException {
        for (String n : names) {
            String v = c.param(n);
            if (v == null || v.isEmpty()) {
                throw EsiaError.missing(n);
            }
        }
    }

    private static void requireUuid(String state) {
        if (state == null || !UUID_FORM.matcher(state).matches()) {
            throw EsiaError.missing("state");
        }
    }

    private void checkTimestamp(String ts) {
        if (ts == null || !TIMESTAMP.matcher(ts).matches()) {
            throw EsiaError.missing("timestamp");
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(ts, TIMESTAMP_FORMAT);
        } catch (DateTimeParseException e) {
            throw EsiaError.missing("timestamp");
        }
        long skew = Math.abs(t.toEpochSecond() - System.currentTimeMillis() / 1000);
        if (skew > config.timestampToleranceSeconds()) {
            throw new EsiaError("007015", "timestamp");
        }
    }

    private static void checkCertificateHash(RegisteredSystem sys, String hash) {
        if (hash == null || !hash.equalsIgnoreCase(sys.certificateHash())) {
            throw new EsiaError("007053", "client_certificate_hash");
        }
    }

    /** Verifies ESIA's raw 64-byte GOST signature; returns which byte order matched. */
    private static String checkRawSignature(RegisteredSystem sys, String secret, String signed) {
        byte[] sig;
        try {
            if (secret.length() != 86) {
                throw new IllegalArgumentException("length");
            }
            sig = Crypto.b64urlDecodeStrict(secret);
        } catch (IllegalArgumentException e) {
            throw new EsiaError("007053", "client_secret");
        }
        byte[] data = signed.getBytes(StandardCharsets.UTF_8);
        if (sig.length == 64) {
            if (Crypto.verifyGost(sys.certificate().getPublicKey(), data, sig)) {
                return "as-is";
            }
            if (Crypto.verifyGost(sys.certificate().getPublicKey(), data, Crypto.reverse(sig))) {
                return "reversed";
            }
        }
        throw new EsiaError("007053", "client_secret");
    }

    /** Verifies a legacy detached CMS SignedData against the registered certificate. */
    private static String checkCmsSignature(RegisteredSystem sys, String secret, String signed) {
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed.getBytes(StandardCharsets.UTF_8)),
                    Crypto.b64Lenient(secret));
            Store<X509CertificateHolder> certs = cms.getCertificates();
            Collection<X509CertificateHolder> included = certs.getMatches(null);
            byte[] registered = sys.certificate().getEncoded();
            boolean registeredIncluded = false;
            for (X509CertificateHolder h : included) {
                registeredIncluded |= Arrays.equals(h.getEncoded(), registered);
            }
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (!registeredIncluded || signers.isEmpty()) {
                throw new EsiaError("007053", "client_secret");
            }
            for (SignerInformation si : signers) {
                if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(sys.certificate()))) {
                    throw new EsiaError("007053", "client_secret");
                }
            }
            return "cms";
        } catch (EsiaError e) {
            throw e;
        } catch (Exception e) {
            throw new EsiaError("007053", "client_secret");
        }
    }

    private static void checkScopes(RegisteredSystem sys, String scope) {
        List<String> notAllowed = new ArrayList<>();
        for (String s : splitScope(scope)) {
            if (!sys.scopes().contains(s)) {
                notAllowed.add(s);
            }
        }
        if (!notAllowed.isEmpty()) {
            throw new EsiaError("007006", String.join(" ", notAllowed));
        }
    }

    static List<String> splitScope(String scope) {
        List<String> out = new ArrayList<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void errorPage(Call c, EsiaError e) throws IOException {
        c.outcome = "ESIA-" + e.code + " page";
        c.html(400, Pages.error("Ошибка авторизации", e.code, e.description()));
    }

    private static void redirectError(Call c, String redirect, EsiaError e, String state) throws IOException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("error", e.error);
        q.put("error_description", e.description());
        q.put("state", state);
        c.outcome = "ESIA-" + e.code;
        c.redirect(Call.withParams(redirect, q));
    }
}
