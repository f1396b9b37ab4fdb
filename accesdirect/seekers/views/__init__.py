"""Pages of the job seekers: thin views over forms, queries and services.

Every object is fetched with get_for_user (404 for another structure's data); every change
is a POST that redirects back to the person's page with a message."""
