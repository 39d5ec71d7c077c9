//! One component per srv.asmx operation, each usable on its own (embedding relies on that),
//! plus the form pieces they share.

pub mod access;
pub mod auth_source;
pub mod change_password;
pub mod change_user_status;
pub mod confirm_panel;
pub mod create_user;
pub mod delete_user;
pub mod download;
pub mod error_details;
pub mod form;
pub mod handover;
pub mod onboarding;
pub mod out_of_office;
pub mod password_field;
pub mod reauth_dialog;
pub mod server_check;
pub mod sign_in;
pub mod update_user_contact_info;
pub mod update_user_email;
pub mod update_user_preferences;
pub mod update_user_profile;
