//! The one way pages wait for their data.

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Shows "loading" until `resource` resolves, then `render` of its value,
/// or the error page (with the error's HTTP status) when it failed.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
