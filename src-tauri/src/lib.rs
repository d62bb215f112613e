//! The desktop shell: opens the core, registers plugins and typed commands, forwards core events.
//! Everything that matters lives in `outpost_core`.
mod backups;
mod commands;
mod error;
mod events;
mod outbox;
mod reminders;
mod rescore;
mod scheduler;
mod state;
mod sync;

use std::sync::Arc;

use outpost_core::secrets::KeyringStore;
use outpost_core::Outpost;
use tauri::Manager;
use tauri_specta::{collect_commands, collect_events, Builder};

use state::AppState;

/// Every command and event the UI may use. The TypeScript bindings are generated from this.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app::app_info,
            commands::app::stats,
            commands::app::load_sample_data,
            commands::app::pipelines,
            commands::app::cancel_job,
            commands::contacts::contacts_list,
            commands::contacts::contacts_count,
            commands::contacts::contact_get,
            commands::contacts::contact_create,
            commands::contacts::contact_update,
            commands::contacts::contacts_delete,
            commands::contacts::contacts_restore,
            commands::contacts::contacts_count_where,
            commands::custom_fields::custom_fields_list,
            commands::custom_fields::custom_field_create,
            commands::custom_fields::custom_field_update,
            commands::custom_fields::custom_field_delete,
            commands::custom_fields::custom_field_restore,
            commands::custom_fields::custom_fields_reorder,
            commands::backups::backups_list,
            commands::backups::backup_now,
            commands::backups::backup_restore,
            commands::backups::export_list,
            commands::merge::duplicates_list,
            commands::merge::records_merge,
            commands::merge::records_merge_undo,
            commands::imports::import_sheets,
            commands::imports::import_preview,
            commands::imports::import_run,
            commands::imports::imports_list,
            commands::imports::import_undo,
            commands::imports::import_rejects_save,
            commands::companies::companies_list,
            commands::companies::company_create,
            commands::companies::company_get,
            commands::companies::company_update,
            commands::companies::company_related,
            commands::companies::companies_delete,
            commands::companies::companies_restore,
            commands::deals::deals_open,
            commands::deals::deal_get,
            commands::deals::deal_move,
            commands::deals::deal_create,
            commands::deals::deal_update,
            commands::deals::deals_delete,
            commands::deals::deals_restore,
            commands::deals::deal_stage_history,
            commands::trash::trash_list,
            commands::trash::trash_restore,
            commands::trash::trash_delete_forever,
            commands::tasks::tasks_list,
            commands::tasks::task_create,
            commands::tasks::task_complete,
            commands::tasks::task_reopen,
            commands::activities::timeline,
            commands::activities::activity_log,
            commands::leads::lead_convert,
            commands::leads::lead_set_status,
            commands::scoring::scoring_rules,
            commands::scoring::scoring_rules_save,
            commands::scoring::scoring_rescore_all,
            commands::pipelines::pipeline_create,
            commands::pipelines::pipeline_rename,
            commands::pipelines::pipeline_set_default,
            commands::pipelines::pipeline_delete,
            commands::pipelines::stage_create,
            commands::pipelines::stage_update,
            commands::pipelines::stages_reorder,
            commands::pipelines::stage_delete,
            commands::pipelines::stage_counts,
            commands::dashboard::dashboard,
            commands::search::search,
            commands::lists::list_fields,
            commands::lists::list_count,
            commands::lists::list_ids,
            commands::lists::deals_list,
            commands::lists::bulk_edit,
            commands::lists::bulk_edit_undo,
            commands::saved_views::saved_views_list,
            commands::saved_views::saved_view_create,
            commands::saved_views::saved_view_update,
            commands::saved_views::saved_view_delete,
            commands::saved_views::saved_view_restore,
            commands::saved_views::saved_views_reorder,
            commands::tags::tags_list,
            commands::tags::tag_create,
            commands::tags::tag_update,
            commands::tags::tag_delete,
            commands::tags::settings_undo_delete,
            commands::tags::record_tags,
            commands::tags::record_tags_set,
            commands::templates::templates_list,
            commands::templates::template_get,
            commands::templates::template_create,
            commands::templates::template_update,
            commands::templates::template_delete,
            commands::templates::template_restore,
            commands::templates::template_merge_fields,
            commands::templates::template_preview,
            commands::templates::template_render,
            commands::outbox::outbox_list,
            commands::outbox::outbox_message,
            commands::outbox::outbox_send,
            commands::outbox::outbox_preview,
            commands::outbox::outbox_cancel,
            commands::outbox::outbox_retry,
            commands::mailboxes::mailboxes_list,
            commands::mailboxes::mailbox_presets,
            commands::mailboxes::mailbox_create,
            commands::mailboxes::mailbox_update,
            commands::mailboxes::mailbox_remove,
            commands::mailboxes::mailbox_set_state,
            commands::mailboxes::mailbox_test,
            commands::mailboxes::mailbox_test_settings,
            commands::suppressions::suppressions_list,
            commands::suppressions::suppression_add,
            commands::suppressions::suppression_remove,
            commands::suppressions::suppression_check,
            commands::inbox::inbox_list,
            commands::inbox::inbox_thread,
            commands::inbox::inbox_mark_read,
            commands::inbox::inbox_allow_remote_images,
            commands::inbox::inbox_create_contact,
            commands::inbox::inbox_sync_now,
            commands::inbox::inbox_sync_status,
            commands::inbox::contact_mail_state,
            commands::inbox::mail_folder_set_enabled,
            commands::inbox::mail_sync_days_set,
            commands::inbox::mail_sync_settings,
            commands::inbox::mail_server_folders,
            commands::inbox::inbox_attachment_fetch,
            commands::inbox::inbox_attachment_save,
            commands::sequences::sequences_list,
            commands::sequences::sequence_get,
            commands::sequences::sequence_create,
            commands::sequences::sequence_update,
            commands::sequences::sequence_set_status,
            commands::sequences::sequence_enroll_preview,
            commands::sequences::sequence_enroll,
            commands::sequences::sequence_enrollments,
            commands::sequences::contact_enrollments,
            commands::sequences::enrollment_stop,
            commands::sequences::enrollment_pause,
            commands::sequences::enrollment_resume,
            commands::sequences::sequence_stats,
            commands::sequences::enrollment_convert,
        ])
        .events(collect_events![events::CoreEventMsg])
        // Ids and cents stay far below 2^53, so JavaScript numbers carry them exactly.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type: our types serialize and deserialize the same way.
        .disable_serde_phases()
}

/// Writes the TypeScript bindings for the UI (used by `cargo test` to check for drift and to regenerate).
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated by tauri-specta from the Rust commands. Do not edit: run `npm run bindings`."),
            path,
        )
        .map_err(|e| e.to_string())
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("OUTPOST_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    let builder = specta_builder();

    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let path = outpost_core::paths::default_db_path();
            match Outpost::open(&path, Arc::new(KeyringStore::default())) {
                Ok(core) => {
                    let core = Arc::new(core);
                    events::forward(app.handle().clone(), &core);
                    reminders::spawn(app.handle().clone(), core.clone());
                    rescore::spawn(core.clone());
                    backups::spawn(core.clone());
                    outbox::spawn(app.handle().clone(), core.clone());
                    scheduler::spawn(core.clone());
                    app.manage(sync::spawn(app.handle().clone(), core.clone()));
                    app.manage(AppState { core });
                    Ok(())
                }
                Err(e) => {
                    // Without a database there is nothing to show: say why, leave the file alone, and quit.
                    tracing::error!("cannot open {}: {e}", path.display());
                    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
                    app.dialog()
                        .message(e.to_string())
                        .title("Outpost cannot open its database")
                        .kind(MessageDialogKind::Error)
                        .blocking_show();
                    std::process::exit(2);
                }
            }
        })
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("error while running Outpost");
}

#[cfg(test)]
mod tests {
    /// The committed ui/src/bindings.ts must match what the Rust commands generate.
    /// Set OUTPOST_WRITE_BINDINGS=1 to regenerate it.
    #[test]
    fn typescript_bindings_are_current() {
        let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let fresh = std::fs::read_to_string(fresh).unwrap();
        if std::env::var_os("OUTPOST_WRITE_BINDINGS").is_some() {
            std::fs::write(&committed, &fresh).unwrap();
            return;
        }
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/bindings.ts is out of date with the Rust commands: run `npm --prefix ui run bindings`"
        );
    }
}
