//! The document shell, the root component and the route table.

use crate::components::layout::Layout;
use crate::components::not_found::NotFoundPage;
use crate::components::text::textarea_html;
use crate::i18n::I18nContextProvider;
use crate::pages::account::{AccountPage, UnsubscribePage};
use crate::pages::admin::{
    AdminFieldPage, AdminFieldsPage, AdminProgrammePage, AdminProgrammesPage, NewProgrammePage,
    OrganisersPage,
};
use crate::pages::alumni::{
    AlumniDirectoryPage, AlumniEditorPage, AlumniPreviewPage, AlumniProfilePage, AlumniSkillsPage,
};
use crate::pages::announce::{AnnouncementPage, AnnouncementsPage};
use crate::pages::application::{ApplicationFormPage, GuardianPage, MyApplicationsPage};
use crate::pages::audit::AuditLogPage;
use crate::pages::catalogue::{CohortPage, HomePage, ProgrammePage, TrackPage};
use crate::pages::credits::{ConfirmCreditPage, CreditsPage};
use crate::pages::events::{EditEventPage, EventHostsPage, EventPage, EventsPage, NewEventPage};
use crate::pages::history::HistoryUploadPage;
use crate::pages::history::preview::HistoryPreviewPage;
use crate::pages::identity::SignInPage;
use crate::pages::manage::{
    CohortDashboardPage, ManageCohortPage, ManageEligibilityPage, ManageHomePage,
    ManageProgrammePage, ManageQuestionsPage, ManageRemindersPage, ManageTrackPage,
};
use crate::pages::outbox::OutboxPage;
use crate::pages::pipeline::{
    CandidatesPage, CertificatePage, CompletionPage, FunnelPage, MyCertificatesPage, PersonPage,
    TrainingPage, VerifyPage,
};
use crate::pages::review::{
    ManageReviewPage, MeetingApplicationPage, MeetingPage, OfferPage, ReviewHomePage,
    ReviewNextPage, SheetPage,
};
use crate::pages::rosters::{
    AvailabilityFormPage, LecturerInvitationPage, ManageRosterPage, ManageStaffingPage,
    TutorCallsPage,
};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::provide_request_nonce();
    // For the pages with an island, which load the WASM themselves
    // (`IslandScripts`): the others load no script at all.
    provide_context(options.clone());
    // Islands mode: nothing outside an island is hydrated, so the page
    // carries no hydration keys or serialized resources (Leptos'
    // `HydrationScripts` does this in the head; ours is in the body, and
    // only on pages with an island).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // `camp-connect.<hash>.css` from the build's hash file, as
                // `IslandScripts` links the JS and WASM (a page never
                // styles itself with another build's stylesheet).
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The document title as it goes into the page. leptos_meta copies the
/// title into the served `<title>` element without escaping it, so a
/// person's name or an event's title containing `</title><script>` would
/// end the element and run; on the server `&`, `<` and `>` are written as
/// entities, which the browser shows as the characters. In the browser the
/// title is set as plain text and needs no escaping. The escaping is the
/// textareas' ([`textarea_html`]): the app has one HTML text escaper.
fn title_text(title: String) -> String {
    if cfg!(feature = "ssr") {
        textarea_html(&title)
    } else {
        title
    }
}

/// The root component: i18n, metadata and the routes.
///
/// Every page loads its data with `SsrMode::Async`, so the server sends the
/// finished page: it works without JavaScript, and a 404 status can be set
/// once the data says a record does not exist.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Title formatter=|page: String| {
                title_text(if page.is_empty() { "Camp Connect".to_string() } else { format!("{page} | Camp Connect") })
            }/>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        // Grouped by capability. Order matters where a fixed segment and a
                        // parameter meet: the rosters', pipeline's and office's
                        // `/manage/<programme>/<word>` and `/manage/outbox` come before the
                        // organisers' pages, so those words are never read as a cohort or
                        // a programme.

                        // The public catalogue: programmes, their cohorts and tracks.
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/programmes/:programme") view=ProgrammePage ssr=SsrMode::Async/>
                        <Route path=path!("/programmes/:programme/:cohort") view=CohortPage ssr=SsrMode::Async/>
                        <Route path=path!("/programmes/:programme/:cohort/tracks/:track") view=TrackPage ssr=SsrMode::Async/>
                        // Signing in and one's own account.
                        <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                        // Applying to a track, one's applications, guardian consent.
                        <Route path=path!("/programmes/:programme/:cohort/tracks/:track/apply") view=ApplicationFormPage ssr=SsrMode::Async/>
                        <Route path=path!("/applications") view=MyApplicationsPage ssr=SsrMode::Async/>
                        <Route path=path!("/guardian/:token") view=GuardianPage ssr=SsrMode::Async/>
                        <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                        // Reviewing, offers, and the organisers' selection page of a track.
                        <Route path=path!("/review") view=ReviewHomePage ssr=SsrMode::Async/>
                        <Route path=path!("/review/:track/next") view=ReviewNextPage ssr=SsrMode::Async/>
                        <Route path=path!("/review/assignments/:id") view=SheetPage ssr=SsrMode::Async/>
                        <Route path=path!("/offers/:application") view=OfferPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/review") view=ManageReviewPage ssr=SsrMode::Async/>
                        // The selection meeting: the ranking searched, and one application.
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/meeting") view=MeetingPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/meeting/:application") view=MeetingApplicationPage ssr=SsrMode::Async/>
                        // Lecturer and tutor rosters: availability, invitations, tutor calls, staffing.
                        <Route path=path!("/account/availability") view=AvailabilityFormPage ssr=SsrMode::Async/>
                        <Route path=path!("/tutor-calls") view=TutorCallsPage ssr=SsrMode::Async/>
                        <Route path=path!("/invitations/:token") view=LecturerInvitationPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/staffing") view=ManageStaffingPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/roster") view=ManageRosterPage ssr=SsrMode::Async/>
                        // The alumni directory and one's own alumni profile.
                        <Route path=path!("/account/alumni") view=AlumniEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/alumni/preview") view=AlumniPreviewPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/alumni/skills") view=AlumniSkillsPage ssr=SsrMode::Async/>
                        <Route path=path!("/alumni") view=AlumniDirectoryPage ssr=SsrMode::Async/>
                        <Route path=path!("/alumni/:id") view=AlumniProfilePage ssr=SsrMode::Async/>
                        // Community events.
                        <Route path=path!("/events") view=EventsPage ssr=SsrMode::Async/>
                        // Before `/events/{id}`, so these are never read as an event.
                        <Route path=path!("/events/new") view=NewEventPage ssr=SsrMode::Async/>
                        <Route path=path!("/events/hosts") view=EventHostsPage ssr=SsrMode::Async/>
                        <Route path=path!("/events/:id") view=EventPage ssr=SsrMode::Async/>
                        <Route path=path!("/events/:id/edit") view=EditEventPage ssr=SsrMode::Async/>
                        // Activity credits.
                        <Route path=path!("/account/credits") view=CreditsPage ssr=SsrMode::Async/>
                        <Route path=path!("/credits/confirm/:token") view=ConfirmCreditPage ssr=SsrMode::Async/>
                        // The pipeline: completion, certificates, training, candidates, the funnel.
                        <Route path=path!("/account/certificates") view=MyCertificatesPage ssr=SsrMode::Async/>
                        <Route path=path!("/verify") view=VerifyPage ssr=SsrMode::Async/>
                        <Route path=path!("/verify/:code") view=VerifyPage ssr=SsrMode::Async/>
                        <Route path=path!("/certificates/:code") view=CertificatePage ssr=SsrMode::Async/>
                        <Route path=path!("/training") view=TrainingPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/candidates") view=CandidatesPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/funnel") view=FunnelPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/people/:account") view=PersonPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/completion") view=CompletionPage ssr=SsrMode::Async/>
                        // The office: administrators, the audit log, the mail outbox.
                        <Route path=path!("/admin/organisers") view=OrganisersPage ssr=SsrMode::Async/>
                        // Programmes and fields; `new` before `{programme}`, so it is never read as one.
                        <Route path=path!("/admin/programmes") view=AdminProgrammesPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/programmes/new") view=NewProgrammePage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/programmes/:programme") view=AdminProgrammePage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/fields") view=AdminFieldsPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/fields/:field") view=AdminFieldPage ssr=SsrMode::Async/>
                        <Route path=path!("/audit") view=AuditLogPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/outbox") view=OutboxPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/history") view=HistoryUploadPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/history/:batch") view=HistoryPreviewPage ssr=SsrMode::Async/>
                        // Organisers' pages of programmes, cohorts and tracks.
                        <Route path=path!("/manage") view=ManageHomePage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme") view=ManageProgrammePage ssr=SsrMode::Async/>
                        // Announcements to a programme's people; before `/manage/{programme}/{cohort}`,
                        // so `announcements` is never read as a cohort.
                        <Route path=path!("/manage/:programme/announcements") view=AnnouncementsPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/announcements/:id") view=AnnouncementPage ssr=SsrMode::Async/>
                        // Before `/manage/{programme}/{cohort}`, so `eligibility` is never read as a cohort.
                        <Route path=path!("/manage/:programme/eligibility") view=ManageEligibilityPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/settings") view=ManageRemindersPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort") view=ManageCohortPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/dashboard") view=CohortDashboardPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track") view=ManageTrackPage ssr=SsrMode::Async/>
                        <Route path=path!("/manage/:programme/:cohort/tracks/:track/questions") view=ManageQuestionsPage ssr=SsrMode::Async/>
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
