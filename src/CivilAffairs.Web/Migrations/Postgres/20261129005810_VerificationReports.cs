using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerificationReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vf_authorizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OperatorUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ScanFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScanContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Scan = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vf_authorizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vf_reports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HouseholdId = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    AuthorizationId = table.Column<int>(type: "integer", nullable: false),
                    RequestedByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    HeadIdLast6 = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    SnapshotIds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vf_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_vf_reports_vf_authorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "vf_authorizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_vf_authorizations_DivisionCode",
                table: "vf_authorizations",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_vf_authorizations_HouseholdId",
                table: "vf_authorizations",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_vf_reports_AuthorizationId",
                table: "vf_reports",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_vf_reports_DivisionCode",
                table: "vf_reports",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_vf_reports_HouseholdId",
                table: "vf_reports",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_vf_reports_Number",
                table: "vf_reports",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vf_reports");

            migrationBuilder.DropTable(
                name: "vf_authorizations");
        }
    }
}
