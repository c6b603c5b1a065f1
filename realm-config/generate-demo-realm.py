#!/usr/bin/env python3
"""Writes school-demo-realm.json (the demo realm), vault-entries.properties and production/school-realm.json
(the production template: the same flows, mappers and user profile, nothing of the demo). Edit here, then run:
python3 realm-config/generate-demo-realm.py"""
import copy
import json
import os
rc=os.path.dirname(os.path.abspath(__file__))+'/'
def pem(f): return open(rc+f).read().strip()+"\n"

# The ESIA first-login flow: one execution per step (README: the first-login flow).
def step(authenticator, requirement, priority, config=None):
    e={"authenticator":authenticator,"authenticatorFlow":False,"autheticatorFlow":False,"requirement":requirement,"priority":priority,"userSetupAllowed":False}
    if config: e["authenticatorConfig"]=config
    return e
def sub(alias, requirement, priority):
    return {"flowAlias":alias,"authenticatorFlow":True,"autheticatorFlow":True,"requirement":requirement,"priority":priority,"userSetupAllowed":False}
def routed(what, description, route, authenticator, config=None):
    return {"alias":"esia first login "+what,"description":description,"providerId":"basic-flow","topLevel":False,"builtIn":False,
            "authenticationExecutions":[step("school-esia-route-condition","REQUIRED",10,"esia first login "+what+" route"),
                                        step(authenticator,"REQUIRED",20,config)]}
up = {
 "unmanagedAttributePolicy": "ADMIN_VIEW",
 "attributes": [
  {"name":"username","displayName":"${username}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"min":3,"max":255},"username-prohibited-characters":{},"up-username-not-idn-homograph":{}}},
  {"name":"email","displayName":"${email}","permissions":{"view":["admin","user"],"edit":["admin","user"]},
   "validations":{"email":{},"length":{"max":255}}},
  {"name":"lastName","displayName":"${lastName}","required":{"roles":["user"]},"permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":255},"person-name-prohibited-characters":{},"school-plain-name":{}}},
  {"name":"firstName","displayName":"${firstName}","required":{"roles":["user"]},"permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":255},"person-name-prohibited-characters":{},"school-plain-name":{}}},
  {"name":"middleName","displayName":"${middleName}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":255},"person-name-prohibited-characters":{},"school-plain-name":{}}},
  {"name":"birthdate","displayName":"${birthdate}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"pattern":{"pattern":"^\\d{4}-\\d{2}-\\d{2}$","error-message":"invalidBirthdate"},"school-birthdate":{}}},
  {"name":"gender","displayName":"${gender}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["M","F"]}}},
  {"name":"snils","displayName":"${snils}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"school-snils":{}}},
  {"name":"noMiddleName","displayName":"${noMiddleName}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["true","false"]}}},
  {"name":"citizenship","displayName":"${citizenship}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":64}}},
  {"name":"schoolRole","displayName":"${schoolRole}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["parent","student","staff"]}}},
  {"name":"staffPosition","displayName":"${staffPosition}","multivalued":True,"permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["завуч","методист","классный руководитель","педагог","администратор"]}}},
  {"name":"homeOrganization","displayName":"${homeOrganization}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":255}}},
  {"name":"enrolmentSource","displayName":"${enrolmentSource}","permissions":{"view":["admin"],"edit":["admin"]},
   "validations":{"options":{"options":["contingent","quick-entry","import","access-request"]}}},
  {"name":"parentIds","displayName":"${parentIds}","multivalued":True,"permissions":{"view":["admin"],"edit":["admin"]},
   "validations":{"length":{"max":36}}},
  {"name":"phoneNumber","displayName":"${phoneNumber}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"length":{"max":32}}},
  {"name":"esiaTrusted","displayName":"${esiaTrusted}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["true","false"]}}},
  {"name":"esiaKids","displayName":"${esiaKids}","permissions":{"view":["admin"],"edit":["admin"]},"validations":{}},
  {"name":"esiaLevel","displayName":"${esiaLevel}","permissions":{"view":["admin","user"],"edit":["admin"]},
   "validations":{"options":{"options":["P","PR","KD"]}}}
 ],
 "groups":[{"name":"user-metadata","displayHeader":"User metadata","displayDescription":"Attributes, which refer to user metadata"}]
}
def attributes_mapper(name, pairs):
    # One mapper for every ESIA field: Keycloak reads each mapper's settings from the database at every login (issue 14).
    return {"name":name,"identityProviderAlias":"esia","identityProviderMapper":"esia-person-attributes-mapper",
            "config":{"syncMode":"FORCE","esiaAttributes":json.dumps([{"key":f,"value":a} for f,a in pairs],ensure_ascii=False,separators=(",",":"))}}
def claim(name, attr, claim_name):
    return {"name":name,"protocol":"openid-connect","protocolMapper":"oidc-usermodel-attribute-mapper","consentRequired":False,
            "config":{"user.attribute":attr,"claim.name":claim_name,"jsonType.label":"String","id.token.claim":"true",
                      "access.token.claim":"true","userinfo.token.claim":"true","introspection.token.claim":"true"}}
def school_claim(name, mapper_id, claim_name):
    # claims/: the school's own mappers; each in every token and answer, lightweight access tokens too.
    return {"name":name,"protocol":"openid-connect","protocolMapper":mapper_id,"consentRequired":False,
            "config":{"claim.name":claim_name,"id.token.claim":"true","access.token.claim":"true","lightweight.claim":"false",
                      "userinfo.token.claim":"true","introspection.token.claim":"true"}}
realm = {
 "realm":"school-demo","displayName":"Школьный портал (демо)","enabled":True,
 "loginTheme":"school","emailTheme":"school","internationalizationEnabled":True,"supportedLocales":["ru","en"],"defaultLocale":"ru",
 "sslRequired":"external","registrationAllowed":False,"editUsernameAllowed":False,"resetPasswordAllowed":True,
 "bruteForceProtected":True,"organizationsEnabled":True,"passwordPolicy":"length(8)","eventsEnabled":True,"eventsExpiration":604800,"adminEventsEnabled":True,
 "enabledEventTypes":[],
 "ssoSessionIdleTimeout":1800,"ssoSessionMaxLifespan":36000,
 "components":{"org.keycloak.userprofile.UserProfileProvider":[{"providerId":"declarative-user-profile","subComponents":{},
    "config":{"kc.user.profile.config":[json.dumps(up, ensure_ascii=False)]}}]},
 "clients":[{"clientId":"school-diary","name":"Электронный дневник (демо)","enabled":True,"protocol":"openid-connect",
   "publicClient":False,"secret":"school-diary-secret","clientAuthenticatorType":"client-secret",
   "standardFlowEnabled":True,"directAccessGrantsEnabled":False,"implicitFlowEnabled":False,
   # The second address is the run command's demo diary (demo-diary/, port 8082).
   "redirectUris":["http://localhost/school-diary/callback","http://localhost:8082/callback"],"webOrigins":["+"],
   "attributes":{"post.logout.redirect.uris":"http://localhost/school-diary/*##http://localhost:8082/*","pkce.code.challenge.method":""},
   "defaultClientScopes":["web-origins","acr","profile","roles","basic","email"],"optionalClientScopes":["offline_access"],
   # 152-FZ (issue 13): no SNILS and no birth date for the diary; a client that needs them gets the optional client
   # scope school-snils / school-birthdate (made at import, claims/PersonalDataScopes). The school claims instead.
   "protocolMappers":[claim("middle name","middleName","middle_name"),
                      claim("gender","gender","gender"),
                      claim("esia trusted","esiaTrusted","esia_trusted"),claim("esia level","esiaLevel","esia_level"),
                      school_claim("school role","school-role-claim","school_role"),
                      school_claim("school organizations","school-organizations-claim","school_organizations"),
                      school_claim("school children","school-children-claim","school_children"),
                      school_claim("over 14","school-over-14-claim","over_14"),
                      school_claim("esia trust level","school-esia-trust-claim","esia_trust_level"),
                      school_claim("school certificates","school-certificates-claim","school_certificates"),
                      {"name":"school organization","protocol":"openid-connect","protocolMapper":"oidc-usersessionmodel-note-mapper","consentRequired":False,
                       "config":{"user.session.note":"school.organization","claim.name":"school_org","jsonType.label":"String","id.token.claim":"true",
                                 "access.token.claim":"true","userinfo.token.claim":"true","introspection.token.claim":"true"}},
                      # Issue 13: the diary asks GET /school/certificates/eligibility with the person's access token.
                      {"name":"certificates api audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","consentRequired":False,
                       "config":{"included.custom.audience":"school-certificates-api","access.token.claim":"true","id.token.claim":"false",
                                 "introspection.token.claim":"true"}}]}],
 "browserFlow":"school browser",
 # esiaEmulatorOnly: the ESIA provider refuses to start a login unless it points at an emulator on loopback
 # (defect 12: this realm's accounts, passwords and keys are public).
 # schoolCertificates: the certificates module (issue 13, R-CERT-1) is on in the demo; off unless set.
 "attributes":{"schoolPasswordLogin":"on","esiaEmulatorOnly":"true","schoolCertificates":"on"},
 "authenticationFlows":[
  {"alias":"school browser","description":"Login of the school systems: SSO cookie, an identity-provider hint (kc_idp_hint), or password login by organisation (R-ORG-2) with the Госуслуги button.",
   "providerId":"basic-flow","topLevel":True,"builtIn":False,
   "authenticationExecutions":[
    {"authenticator":"auth-cookie","authenticatorFlow":False,"autheticatorFlow":False,"requirement":"ALTERNATIVE","priority":10,"userSetupAllowed":False},
    {"authenticator":"identity-provider-redirector","authenticatorFlow":False,"autheticatorFlow":False,"requirement":"ALTERNATIVE","priority":20,"userSetupAllowed":False},
    {"flowAlias":"school browser forms","authenticatorFlow":True,"autheticatorFlow":True,"requirement":"ALTERNATIVE","priority":30,"userSetupAllowed":False}]},
  {"alias":"school browser forms","description":"Password login by organisation; password login policy per realm attribute schoolPasswordLogin (on | esia-only, R-ESIA-1) or this step's settings.",
   "providerId":"basic-flow","topLevel":False,"builtIn":False,
   "authenticationExecutions":[
    {"authenticator":"school-organisation-password-form","authenticatorFlow":False,"autheticatorFlow":False,"requirement":"REQUIRED","priority":10,"userSetupAllowed":False}]},
  {"alias":"esia first login","description":"After Госуслуги: the school account for the ESIA person, step by step (README: the first-login flow). Creates no accounts.",
   "providerId":"basic-flow","topLevel":True,"builtIn":False,
   "authenticationExecutions":[
    step("school-esia-role","REQUIRED",10),
    sub("esia first login account","REQUIRED",20),
    sub("esia first login link by password","CONDITIONAL",30),
    sub("esia first login contact organisation","CONDITIONAL",40),
    sub("esia first login access request","CONDITIONAL",50)]},
  {"alias":"esia first login account","description":"The school account of the Госуслуги person: the first step that answers wins.",
   "providerId":"basic-flow","topLevel":False,"builtIn":False,
   "authenticationExecutions":[
    step("school-esia-linked-account","ALTERNATIVE",10,"esia first login linked-account"),
    step("school-esia-unconfirmed","ALTERNATIVE",20),
    step("school-esia-auto-link","ALTERNATIVE",30,"esia first login auto-link"),
    step("school-esia-pending-request","ALTERNATIVE",40),
    step("school-esia-not-identified","ALTERNATIVE",50)]},
  routed("link by password","«Привязать учетную запись» (R-LINK-2..4).","link","school-esia-link-password","esia first login link-password"),
  routed("contact organisation","«Обратиться в организацию» (R-REQ-1).","contact","school-esia-contact"),
  routed("access request","The access request form and its number (R-REQ-1, R-REQ-2).","request","school-esia-request-form","esia first login request-form"),
  {"alias":"esia post login","description":"After every Госуслуги login: the children whose cards hold the parent's SNILS (R-FAM-3), then the parent's Госуслуги children proposed to their schools.",
   "providerId":"basic-flow","topLevel":True,"builtIn":False,
   "authenticationExecutions":[step("school-family-snils-children","REQUIRED",10),step("school-family-esia-children","REQUIRED",20)]}
 ],
 "authenticatorConfig":[
   {"alias":"esia first login linked-account","config":{"unconfirmedMayEnterLinked":"false"}},
   {"alias":"esia first login auto-link","config":{"snilsAutoLink":"true"}},
   # R-LINK-4, seeds' region: self-linking ended with March 2025 (local time).
   {"alias":"esia first login link-password","config":{"selfLinkUntil":"2025-04-01T00:00","selfLinkZone":"Asia/Sakhalin",
     "maxLinkFailuresPerPerson":"5","linkFailureWindowMinutes":"15"}},
   {"alias":"esia first login request-form","config":{"maxRequestsPerPerson":"5","requestPersonWindowHours":"24",
     "maxRequestsPerAddress":"20","requestAddressWindowMinutes":"60"}},
   {"alias":"esia first login link by password route","config":{"route":"link"}},
   {"alias":"esia first login contact organisation route","config":{"route":"contact"}},
   {"alias":"esia first login access request route","config":{"route":"request"}}],
 "identityProviders":[{"alias":"esia","displayName":"Вход с учетной записью портала Госуслуг","providerId":"esia","enabled":True,
   "trustEmail":True,"storeToken":False,"addReadTokenRoleOnCreate":False,"linkOnly":False,"hideOnLogin":False,
   "firstBrokerLoginFlowAlias":"esia first login","postBrokerLoginFlowAlias":"esia post login",
   "config":{"syncMode":"FORCE","esiaEnvironment":"custom","esiaBaseUrl":"http://localhost:8081",
     "esiaIssuer":"http://esia-emulator.localhost/","clientId":"SCHOOL-DEMO",
     "defaultScope":"openid fullname birthdate gender snils email mobile kid_fullname kid_birthdate kid_gender kid_snils kid_birth_cert_doc",
     "esiaProtocol":"v2","esiaSigner":"bouncycastle","signerKey":"${vault.esia-signer-key}",
     "signerCertificate":pem("keys/client-gost.crt.pem"),
     "esiaCertificates":pem("keys/esia-gost.crt.pem")+pem("keys/esia-rsa.crt.pem"),
     "esiaTokenLeewaySeconds":"60","esiaHttpTimeoutMillis":"5000","esiaMaxResponseBytes":"1048576",
     "esiaTimestampZone":"Europe/Moscow","esiaReverseSignatureBytes":"false","esiaClockCorrection":"false",
     # The school's use of the generic provider: the role buttons' school_role is kept with the
     # login (client note esia.param.school_role) and children are read only for parents.
     "esiaForwardedParameters":"school_role=parent|student|staff","esiaReadChildrenWhen":"school_role=parent"}}],
 "identityProviderMappers":[{"name":"school account resolver","identityProviderAlias":"esia","identityProviderMapper":"school-esia-account-resolver","config":{"syncMode":"INHERIT"}},
   attributes_mapper("person attributes",[("middleName","middleName"),("birthDate","birthdate"),("gender","gender"),("snils","snils"),
   ("mobile","phoneNumber"),("trusted","esiaTrusted"),("level","esiaLevel"),("kids","esiaKids")])]
}

PLACE_YS=("Сахалинская обл","Городской округ Южно-Сахалинск","Южно-Сахалинск, г.")
PLACE_KS=("Сахалинская обл","Корсаковский городской округ","Корсаков, г.")
# Classes («Класс») of an organisation are its top-level organisation groups, named as the class
# (Keycloak's realm import creates them from "groups"); kindergarten and ОДО groups the same way.
def org(alias,name,full,typ,place,groups):
    return {"name":name,"alias":alias,"enabled":True,"description":full,
            "attributes":{"region":[place[0]],"municipality":[place[1]],"settlement":[place[2]],"type":[typ],
                          "fullName":[full],"timeZone":["Asia/Sakhalin"]},
            "domains":[],"groups":[{"name":g} for g in groups]}
orgs=[org("sosh-1-ys","МАОУ СОШ № 1 г. Южно-Сахалинска","Муниципальное автономное общеобразовательное учреждение средняя общеобразовательная школа № 1 г. Южно-Сахалинска","school",PLACE_YS,["1А","5Б","9А","11А"]),
      org("ds-15-ys","МБДОУ Детский сад № 15 г. Южно-Сахалинска","Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 15 г. Южно-Сахалинска","preschool",PLACE_YS,["Старшая группа"]),
      org("ddut-ys","МАУДО ДДЮТ г.Южно-Сахалинск","Муниципальное автономное учреждение дополнительного образования Дом детского и юношеского творчества г. Южно-Сахалинска","supplementary",PLACE_YS,["Объединение 36 Художник"]),
      org("sosh-2-korsakov","МАОУ СОШ № 2 г. Корсакова","Муниципальное автономное общеобразовательное учреждение средняя общеобразовательная школа № 2 г. Корсакова","school",PLACE_KS,["1Б","4А","7В"])]
# R-CERT-4: the ДДЮТ is the demo's authorised organisation: its staff activate certificates.
next(o for o in orgs if o["alias"]=="ddut-ys")["attributes"]["certificateAuthority"]=["true"]
def uid(n): return "00000000-0000-4000-8000-%012d" % n
DEMO_PASSWORD="Demo-pass-1"
people=[
 # n, username, last, first, middle, birth, gender, role, positions, home, members, source, snils, parents
 # ESIA links of the demo (R-LINK-2): ivanova.maria and smirnov.oleg are linked; everyone else is not.
 (1,"zavuch.sosh1","Петрова","Елена","Николаевна","1975-05-07","F","staff",["завуч"],"sosh-1-ys",["sosh-1-ys"],"contingent",None,[]),
 (2,"metodist.ddut","Соколова","Ирина","Павловна","1981-10-12","F","staff",["методист"],"ddut-ys",["ddut-ys"],"contingent",None,[]),
 (3,"vospitatel.ds15","Орлова","Наталья","Игоревна","1990-01-23","F","staff",["педагог"],"ds-15-ys",["ds-15-ys"],"contingent",None,[]),
 (4,"smirnov.oleg","Смирнов","Олег","Игоревич","1979-02-17","M","staff",["педагог","классный руководитель"],"sosh-2-korsakov",["sosh-2-korsakov"],"contingent",None,[]),
 (10,"ivanova.maria","Иванова","Мария","Петровна","1986-03-14","F","parent",[],"sosh-1-ys",["sosh-1-ys","ddut-ys","ds-15-ys"],"contingent","11223344595",[]),
 (11,"ivanov.petr","Иванов","Пётр","Сергеевич","2012-09-05","M","student",[],"sosh-1-ys",["sosh-1-ys","ddut-ys"],"contingent","12345678964",[10]),
 (12,"ivanova.anna","Иванова","Анна","Сергеевна","2016-06-21","F","student",[],"ds-15-ys",["ds-15-ys"],"contingent","15627384990",[10]),
 (20,"kuznetsov.andrey","Кузнецов","Андрей","Викторович","1984-08-19","M","parent",[],"ddut-ys",["ddut-ys"],"import",None,[]),
 (21,"kuznetsov.ilya","Кузнецов","Илья","Андреевич","2015-04-02","M","student",[],"ddut-ys",["ddut-ys"],"import",None,[20]),
 # Issue #5: a pupil whose mother (ESIA 1000000008, no account yet) asks the school for access.
 (22,"sokolova.vera","Соколова","Вера","Алексеевна","2016-09-10","F","student",[],"sosh-1-ys",["sosh-1-ys"],"contingent","21436587059",[]),
]
ESIA_LINKS={"ivanova.maria":"1000000001","smirnov.oleg":"1000000003"}
users=[]
for n,un,last,first,middle,birth,gender,role,positions,home,members,source,snils,parents in people:
    attrs={"middleName":[middle],"birthdate":[birth],"gender":[gender],"citizenship":["РФ"],"schoolRole":[role],
           "homeOrganization":[home],"enrolmentSource":[source]}
    if positions: attrs["staffPosition"]=positions
    if snils: attrs["snils"]=[snils]
    if parents: attrs["parentIds"]=[uid(p) for p in parents]
    # Imported users get no default roles by themselves; accounts Keycloak creates do (manage-account
    # for the account console, offline_access): the demo's accounts hold them like any other.
    user={"id":uid(n),"username":un,"enabled":True,"firstName":first,"lastName":last,"attributes":attrs,
                  "realmRoles":["default-roles-"+realm["realm"]],
                  "credentials":[{"type":"password","value":DEMO_PASSWORD,"temporary":False}]}
    if un in ESIA_LINKS:
        # Keycloak's broker link; the school module adopts it as a link on import.
        user["federatedIdentities"]=[{"identityProvider":"esia","userId":ESIA_LINKS[un],"userName":"esia-"+ESIA_LINKS[un]}]
    users.append(user)
    for m in members:
        next(o for o in orgs if o["alias"]==m).setdefault("members",[]).append({"username":un,"membershipType":"UNMANAGED"})
realm["clients"].append({"clientId":"school-staff","name":"Кабинет сотрудника (школа)","enabled":True,"protocol":"openid-connect",
   "publicClient":True,"standardFlowEnabled":True,"directAccessGrantsEnabled":False,"implicitFlowEnabled":False,
   "rootUrl":"${authBaseUrl}","baseUrl":"/realms/school-demo/school/staff-page/",
   "redirectUris":["/realms/school-demo/school/staff/*","/realms/school-demo/school/staff-page/*"],"webOrigins":["+"],
   "attributes":{"pkce.code.challenge.method":"S256","post.logout.redirect.uris":"+"},
   "defaultClientScopes":["web-origins","acr","profile","roles","basic","email"],"optionalClientScopes":[],
   # The staff REST API accepts only tokens with this audience (security rule 4).
   "protocolMappers":[{"name":"staff api audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
      "consentRequired":False,"config":{"included.custom.audience":"school-staff-api","access.token.claim":"true","id.token.claim":"false","introspection.token.claim":"true"}}]})
# Issue 11: the person's own page /realms/<realm>/school/personal/ logs in with this public client; the
# personal API (/school/me) accepts only tokens with its audience. Kept equal to the server's start-time
# upgrade for older realms (flow/PersonalClientUpgrade). The account console links to the page from the
# account theme "school" (keycloak.v3 with a menu item).
def personal_client(realm_name):
    page="/realms/%s/school/personal/"%realm_name
    return {"clientId":"school-personal","name":"Персональные настройки","enabled":True,"protocol":"openid-connect",
   "publicClient":True,"standardFlowEnabled":True,"directAccessGrantsEnabled":False,"implicitFlowEnabled":False,
   "rootUrl":"${authBaseUrl}","baseUrl":page,"redirectUris":[page+"*"],"webOrigins":["+"],"alwaysDisplayInConsole":True,
   "attributes":{"pkce.code.challenge.method":"S256","post.logout.redirect.uris":"+"},
   "defaultClientScopes":["web-origins","acr","profile","roles","basic","email"],"optionalClientScopes":[],
   "protocolMappers":[{"name":"personal api audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
      "consentRequired":False,"config":{"included.custom.audience":"school-personal-api","access.token.claim":"true","id.token.claim":"false","introspection.token.claim":"true"}}]}
realm["clients"].append(personal_client(realm["realm"]))
realm["accountTheme"]="school"
realm["organizations"]=orgs
realm["users"]=users
open(rc+'school-demo-realm.json','w').write(json.dumps(realm, ensure_ascii=False, indent=2)+"\n")

PRODUCTION_REALM="school"
def production_realm(demo):
    """Defect 12: the demo without its accounts, organisations, demo client and secret, demo ESIA trust and keys.
    ESIA production; what only the operator knows comes from environment variables at import (Keycloak replaces
    ${VAR} in files imported with --import-realm); the signing key stays in the vault."""
    r=copy.deepcopy(demo)
    r["realm"]=PRODUCTION_REALM
    r["displayName"]="Школьный портал"
    # The certificates module is a regional decision (R-CERT-1): off in the template until the operator switches it on.
    r["attributes"]={k:v for k,v in r["attributes"].items() if k not in ("esiaEmulatorOnly","schoolCertificates")}
    # Issue 14 (152-FZ): what is kept how long, explicit for the operator; admin events would otherwise stay forever.
    r["attributes"].update({"adminEventsExpiration":"31536000","schoolRetentionDecidedRequestDays":"365","schoolRetentionSentMailDays":"30"})
    for demo_only in ("users","organizations"):
        r.pop(demo_only,None)
    r["clients"]=[c for c in r["clients"] if c["clientId"] in ("school-staff","school-personal")]
    r["clients"]=[personal_client(PRODUCTION_REALM) if c["clientId"]=="school-personal" else c for c in r["clients"]]
    staff=next(c for c in r["clients"] if c["clientId"]=="school-staff")
    staff["baseUrl"]=staff["baseUrl"].replace("/realms/school-demo/","/realms/%s/"%PRODUCTION_REALM)
    staff["redirectUris"]=[u.replace("/realms/school-demo/","/realms/%s/"%PRODUCTION_REALM) for u in staff["redirectUris"]]
    for idp in r["identityProviders"]:
        if idp["providerId"]!="esia": continue
        cfg=idp["config"]
        for emulator_only in ("esiaBaseUrl","esiaIssuer"):
            cfg.pop(emulator_only,None)
        for demo_key in ("signerKey","signerKeyPassword"):
            cfg.pop(demo_key,None)
        # Production signs through certified crypto (README, Signers and keys): the http signer; its
        # Authorization header is a secret, kept in the vault like the demo's key.
        cfg.update({"esiaEnvironment":"production","clientId":"${ESIA_CLIENT_ID}",
                    "esiaCertificates":"${ESIA_CERTIFICATES}","esiaSigner":"http","signerUrl":"${ESIA_SIGNER_URL}",
                    "signerAuthorization":"${vault.esia-signer-authorization}","signerCertificate":"${ESIA_SIGNER_CERTIFICATE}"})
    text=json.dumps(r, ensure_ascii=False, indent=2)
    # Nothing of the demo may survive: its realm name, keys, client secret.
    for demo_mark in ("school-demo","BEGIN CERTIFICATE","PRIVATE KEY","school-diary-secret","Demo-pass"):
        assert demo_mark not in text, demo_mark
    return r
os.makedirs(rc+'production',exist_ok=True)
open(rc+'production/school-realm.json','w').write(json.dumps(production_realm(realm), ensure_ascii=False, indent=2)+"\n")
open(rc+'vault-entries.properties','w').write("# Keycloak file-vault entries of the demo realm: vault key = file(s) under realm-config/.\n# The run command and the tests write them into the vault folder; the realm references ${vault.<key>}.\nesia-signer-key=keys/client-gost.key.pem\n")
