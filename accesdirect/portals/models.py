"""What only the public side keeps: sign-in codes of the job seekers' app, sign-ups to contact."""
