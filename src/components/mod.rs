pub mod reauth_dialog;
pub mod sign_in;
