"""The complainant's agreement before the subject is contacted (NPH: visit the subject only with
the complainant's agreement), and a team leader's override."""
