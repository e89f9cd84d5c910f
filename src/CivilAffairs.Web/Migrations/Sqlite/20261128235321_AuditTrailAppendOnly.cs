using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrailAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only: the database itself refuses updates and deletes.
            migrationBuilder.Sql("CREATE TRIGGER kernel_audit_entries_no_update BEFORE UPDATE ON kernel_audit_entries BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER kernel_audit_entries_no_delete BEFORE DELETE ON kernel_audit_entries BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS kernel_audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS kernel_audit_entries_no_delete;");
        }
    }
}
