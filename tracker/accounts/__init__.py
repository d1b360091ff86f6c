"""Who may sign in and what they may do: users and sign-in limits (users), signing in and out (auth), and
the administrators' user management pages (admin)."""
