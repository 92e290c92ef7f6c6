//! The document shell, the root component and the route table.

use crate::components::layout::Layout;
use crate::components::not_found::NotFoundPage;
use crate::i18n::I18nContextProvider;
use crate::pages::account::AccountPage;
use crate::pages::admin::OrganisersPage;
use crate::pages::alumni::{
    AlumniDirectoryPage, AlumniEditorPage, AlumniPreviewPage, AlumniProfilePage, AlumniSkillsPage,
};
use crate::pages::application::{ApplicationFormPage, GuardianPage, MyApplicationsPage};
use crate::pages::audit::AuditLogPage;
use crate::pages::catalogue::{CohortPage, HomePage, ProgrammePage, TrackPage};
use crate::pages::credits::{ConfirmCreditPage, CreditsPage};
use crate::pages::events::{EditEventPage, EventHostsPage, EventPage, EventsPage, NewEventPage};
use crate::pages::identity::SignInPage;
use crate::pages::manage::{
    ManageCohortPage, ManageEligibilityPage, ManageHomePage, ManageProgrammePage,
    ManageQuestionsPage, ManageTrackPage,
};
use crate::pages::outbox::OutboxPage;
use crate::pages::pipeline::{
    CandidatesPage, CertificatePage, CompletionPage, FunnelPage, MyCertificatesPage, PersonPage,
    TrainingPage, VerifyPage,
};
use crate::pages::review::{
    ManageReviewPage, OfferPage, ReviewHomePage, ReviewNextPage, SheetPage,
};
use crate::pages::rosters::{
    AvailabilityFormPage, LecturerInvitationPage, ManageRosterPage, ManageStaffingPage,
    TutorCallsPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
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
/// title is set as plain text and needs no escaping.
fn title_text(title: String) -> String {
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
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
            <Stylesheet id="leptos" href="/pkg/camp-connect.css"/>
            <Title formatter=|page: String| {
                title_text(if page.is_empty() { "Camp Connect".to_string() } else { format!("{page} | Camp Connect") })
            }/>
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("sign-in") view=SignInPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("account"), StaticSegment("availability"))
                            view=AvailabilityFormPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("account"), StaticSegment("alumni"))
                            view=AlumniEditorPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("account"), StaticSegment("alumni"), StaticSegment("preview"))
                            view=AlumniPreviewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("account"), StaticSegment("alumni"), StaticSegment("skills"))
                            view=AlumniSkillsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("alumni") view=AlumniDirectoryPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("alumni"), ParamSegment("id"))
                            view=AlumniProfilePage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("tutor-calls") view=TutorCallsPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("account"), StaticSegment("certificates"))
                            view=MyCertificatesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("account"), StaticSegment("credits"))
                            view=CreditsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("credits"), StaticSegment("confirm"), ParamSegment("token"))
                            view=ConfirmCreditPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("events") view=EventsPage ssr=SsrMode::Async/>
                        // Before `/events/{id}`, so these are never read as an event.
                        <Route
                            path=(StaticSegment("events"), StaticSegment("new"))
                            view=NewEventPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("events"), StaticSegment("hosts"))
                            view=EventHostsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("events"), ParamSegment("id"))
                            view=EventPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("edit"))
                            view=EditEventPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("invitations"), ParamSegment("token"))
                            view=LecturerInvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("manage") view=ManageHomePage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("audit") view=AuditLogPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("admin"), StaticSegment("organisers"))
                            view=OrganisersPage
                            ssr=SsrMode::Async
                        />
                        // Before `/manage/{programme}`, so `outbox` is never read as a programme.
                        <Route
                            path=(StaticSegment("manage"), StaticSegment("outbox"))
                            view=OutboxPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"))
                            view=ManageProgrammePage
                            ssr=SsrMode::Async
                        />
                        // Before `/manage/{programme}/{cohort}`, so these are never read as a cohort.
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"), StaticSegment("candidates"))
                            view=CandidatesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"), StaticSegment("funnel"))
                            view=FunnelPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                StaticSegment("people"),
                                ParamSegment("account"),
                            )
                            view=PersonPage
                            ssr=SsrMode::Async
                        />
                        // Before `/manage/{programme}/{cohort}`, so `eligibility` is never read as a cohort.
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"), StaticSegment("eligibility"))
                            view=ManageEligibilityPage
                            ssr=SsrMode::Async
                        />
                        // Before `/manage/{programme}/{cohort}`, so `staffing` is never read as a cohort.
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"), StaticSegment("staffing"))
                            view=ManageStaffingPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("manage"), ParamSegment("programme"), ParamSegment("cohort"))
                            view=ManageCohortPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                            )
                            view=ManageTrackPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("programmes"), ParamSegment("programme"))
                            view=ProgrammePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("programmes"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                            )
                            view=CohortPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("programmes"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                            )
                            view=TrackPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("programmes"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                                StaticSegment("apply"),
                            )
                            view=ApplicationFormPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("review") view=ReviewHomePage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("review"), ParamSegment("track"), StaticSegment("next"))
                            view=ReviewNextPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("review"), StaticSegment("assignments"), ParamSegment("id"))
                            view=SheetPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("offers"), ParamSegment("application"))
                            view=OfferPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                                StaticSegment("questions"),
                            )
                            view=ManageQuestionsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("applications") view=MyApplicationsPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("guardian"), ParamSegment("token"))
                            view=GuardianPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                                StaticSegment("review"),
                            )
                            view=ManageReviewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                                StaticSegment("completion"),
                            )
                            view=CompletionPage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("verify") view=VerifyPage ssr=SsrMode::Async/>
                        <Route
                            path=(StaticSegment("verify"), ParamSegment("code"))
                            view=VerifyPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=(StaticSegment("certificates"), ParamSegment("code"))
                            view=CertificatePage
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("training") view=TrainingPage ssr=SsrMode::Async/>
                        <Route
                            path=(
                                StaticSegment("manage"),
                                ParamSegment("programme"),
                                ParamSegment("cohort"),
                                StaticSegment("tracks"),
                                ParamSegment("track"),
                                StaticSegment("roster"),
                            )
                            view=ManageRosterPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
