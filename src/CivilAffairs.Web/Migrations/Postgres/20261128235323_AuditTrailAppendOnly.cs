using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditTrailAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only: the database itself refuses updates, deletes and truncation.
            migrationBuilder.Sql(@"CREATE FUNCTION kernel_audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit trail is append-only'; END; $$;");
            migrationBuilder.Sql("CREATE TRIGGER kernel_audit_entries_no_change BEFORE UPDATE OR DELETE ON kernel_audit_entries FOR EACH ROW EXECUTE FUNCTION kernel_audit_entries_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER kernel_audit_entries_no_truncate BEFORE TRUNCATE ON kernel_audit_entries FOR EACH STATEMENT EXECUTE FUNCTION kernel_audit_entries_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS kernel_audit_entries_no_change ON kernel_audit_entries;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS kernel_audit_entries_no_truncate ON kernel_audit_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS kernel_audit_entries_append_only();");
        }
    }
}
