using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseProgramme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SchoolStage = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Need = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ReferredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReferredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Form = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    FromMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    ToMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
