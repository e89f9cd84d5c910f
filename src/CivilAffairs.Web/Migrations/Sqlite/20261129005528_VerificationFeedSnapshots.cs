using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerificationFeedSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Argument",
                table: "kernel_jobs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vf_feed_snapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Feed = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SourceFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SourceBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ErrorCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    SnapshotFile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SnapshotSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ImportedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vf_feed_snapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_vf_feed_snapshots_Feed_Status",
                table: "vf_feed_snapshots",
                columns: new[] { "Feed", "Status" });

            migrationBuilder.CreateIndex(
                name: "ix_vf_feed_snapshots_one_active",
                table: "vf_feed_snapshots",
                column: "Feed",
                unique: true,
                filter: "\"Status\" = 'Active'");

            migrationBuilder.CreateIndex(
                name: "IX_vf_feed_snapshots_SourceSha256",
                table: "vf_feed_snapshots",
                column: "SourceSha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vf_feed_snapshots");

            migrationBuilder.DropColumn(
                name: "Argument",
                table: "kernel_jobs");
        }
    }
}
