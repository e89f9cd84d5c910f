using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MedicalAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sa_medical_cap_usage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_medical_cap_usage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sa_medical_settlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Visit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Institution = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BillNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    VisitDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    InCatalogueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    BasicInsuranceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CriticalIllnessFen = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherAidFen = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPayInCatalogueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ThresholdFen = table.Column<long>(type: "INTEGER", nullable: false),
                    AssistanceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientPaysFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Working = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SettledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ReversedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReversedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReversalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_medical_settlements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_cap_usage_PersonId_Year",
                table: "sa_medical_cap_usage",
                columns: new[] { "PersonId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_settlements_Institution_BillNumber",
                table: "sa_medical_settlements",
                columns: new[] { "Institution", "BillNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_settlements_PersonId_Year",
                table: "sa_medical_settlements",
                columns: new[] { "PersonId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sa_medical_cap_usage");

            migrationBuilder.DropTable(
                name: "sa_medical_settlements");
        }
    }
}
