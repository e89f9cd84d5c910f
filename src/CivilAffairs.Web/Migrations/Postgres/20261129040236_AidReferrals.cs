using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AidReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sa_aid_referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    HouseholdId = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    BaseProgramme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    IdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SchoolStage = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Need = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Department = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ReferredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReferredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Form = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    FromMonth = table.Column<int>(type: "integer", nullable: true),
                    ToMonth = table.Column<int>(type: "integer", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_aid_referrals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sa_aid_referrals_DivisionCode_Status",
                table: "sa_aid_referrals",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_sa_aid_referrals_HouseholdId",
                table: "sa_aid_referrals",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_sa_aid_referrals_PersonId_Kind",
                table: "sa_aid_referrals",
                columns: new[] { "PersonId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sa_aid_referrals");
        }
    }
}
