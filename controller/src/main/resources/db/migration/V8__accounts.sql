-- Accounts for the console: the name people see, and when the user last signed in.
ALTER TABLE users ADD COLUMN display_name VARCHAR(100);
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
