#!/usr/bin/env python3
"""Generates roadmap trackers of random layouts, each with the truth a person reads in it.

Every tracker is a random composition of layout traits (title block, legend,
header position, one- or two-row headers, languages and status words, section
rows, blank gaps, totals rows, summary blocks, list, hidden and prose sheets,
progress and date representations, duplicate headers, CSV multi-line records
and encodings). Each is written in every format that can hold it (xlsx, xls,
ods, CSV) with ``<name>.truth.json`` beside it: the initiatives (ids in order,
titles, statuses, progress in percent, pillar names as written, due dates),
the report date and the issues
a person expects at their cells. The truth is what the generator put in the
file, never what the importer reads.

    python3 -m pip install xlsxwriter xlwt odfpy
    python3 scripts/gen_trackers.py --count 50 --out /tmp/trackers
    python3 scripts/gen_trackers.py --count 2000 --check --roadmap target/debug/roadmap

``--traits supported`` (the default) composes only the traits the engine reads
today; ``--traits all`` adds the ones listed in PENDING (the large run);
``--traits a,b`` names them. ``--check`` imports every file through the CLI
and prints, per trait, how many files with it were read exactly.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "crates" / "roadmap-io" / "profiles" / "default.json"

# Every trait, with what it puts in the file.
TRAITS = {
    "title-block": "1-4 rows above the header: title, unit, blank lines",
    "as-of-line": "a report-date line in the title block ('As of <date>', 'Data as of:' | <date>, 'Mis à jour le …')",
    "as-of-footer": "the report-date line below the table (and any summary), none above it",
    "as-of-in-title": "the report date inside the title line ('Digital roadmap — update of 30 June 2026')",
    "actual-and-target": "actual completion dates beside the target date ('Completion date', 'Target date')",
    "legend": "a legend line above the header naming the status words",
    "header-offset": "the table starts in column B and/or below blank rows",
    "two-row-header": "'Deliverables by:' over checkpoint names on a second header row",
    "deliverable-prefix-header": "one-row header 'Deliverables by <checkpoint>'",
    "lang-en": "English headers and status words",
    "lang-fr": "French headers and status words",
    "lang-es": "Spanish headers and status words",
    "lang-ru": "Russian headers and status words",
    "lang-zh": "Chinese headers and status words",
    "lang-ar": "Arabic headers and status words",
    "status-variants": "status words in other case or with trailing spaces",
    "unknown-status": "real words that are no status (On hold): unknown-status at the cell",
    "misspelled-status": "a small edit of a status word (Compelted): status-misspelled at the cell",
    "numeric-ids": "ids written as numbers 1, 2, 3",
    "outline-ids": "outline numbers as ids (1, 1.1, 1.2, 2, 2.1): each a part of the one its number extends",
    "sections": "section rows '1  <area name>' between records",
    "blank-gaps": "blank rows inside the table",
    "grouped-field-header": "the status header over two columns named on a second row ('Previous quarter' | 'Current')",
    "rag-status": "a colour column '<Status> (RAG)' (Red/Amber/Green), the statuses under 'Stage' ('Étape', ...)",
    "units-row": "a second header row of units under some headers: '(%)' under progress, '[dd/mm/yyyy]' under dates",
    "group-headings": "a phrase alone in the id column over each group of records (no number, no label)",
    "status-notes": "status words with a note after them ('Ongoing - delayed', 'Completed (Dec 2025)')",
    "status-ticks": "a column per status ('Done | In progress | Not started | Revised') and a tick ('X', '✓', 'Oui') "
    "under the one that holds, blanks or 'No' / 'Non' / '×' under the others; maybe one row ticked twice "
    "(status-marked-twice at its first tick)",
    "pillar-once": "records grouped by pillar, the pillar written on each group's first record only",
    "pillar-sections": "no pillar column: a line 'Pillar 1: <name>' (any label and number style) over its records",
    "side-by-side": "the last records in a second table beside the first, past an empty column, under the same header",
    "summary-beside": "a summary by status (head, one row per status, Total) right of the table, past an empty column",
    "stacked-tables": "the records in two blocks, the second under blank rows, a unit's title line and the header",
    "totals-row": "a 'Total' row right under the table",
    "summary-status-block": "after blank rows: 'Status | Count | Share' per status and a Total row",
    "summary-total-line": "after blank rows: a 'Total' line with a count",
    "summary-count-line": "after blank rows: 'Number of initiatives: 9' (no total word first)",
    "summary-by-pillar": "after blank rows: pillar names with counts",
    "pillars-sheet": "a Pillars sheet: title line, blank row, No. | Pillar | Description",
    "pillars-sheet-bare-title": "the Pillars sheet's title line is the one word 'Pillars' (a header word)",
    "allowed-values-sheet": "a sheet of allowed values (statuses, pillars) for drop-downs",
    "hidden-sheet": "a hidden sheet holding an old copy of the table: hidden-sheet issue",
    "prose-sheet": "a 'Read me' sheet of prose",
    "progress-text-percent": "progress as text '45%'",
    "progress-number": "progress as numbers 0-100",
    "progress-percent-format": "progress as fractions under the 0% number format (xlsx, xls, ods)",
    "summary-formulas": "summary counts as COUNTIF formulas with saved values (xlsx)",
    "dates-real": "dates as real dates (workbooks)",
    "dates-iso-text": "dates as ISO text",
    "dates-us-text": "dates as text month first (6/30/2026); one day past 12 proves the order",
    "dates-dmy-text": "dates as text day first (30/06/2026); one day past 12 proves the order",
    "duplicate-headers": "two columns with the same unknown header: duplicate-header",
    "multiline-cells": "note cells with line breaks (CSV: quoted multi-line records)",
    "csv-utf8": "CSV in UTF-8",
    "csv-utf8-bom": "CSV in UTF-8 with a byte order mark",
    "csv-cp1252-semicolon": "CSV in Windows-1252 separated by ';'",
}

# Traits the engine does not read right yet, each with what goes wrong: the
# CI test leaves them out, the large run (--traits all) includes them.
PENDING: dict[str, str] = {}

# Issue codes the generator controls: every one of these the importer
# reports must be in the truth, and every one in the truth must be reported.
WATCHED = {
    "unknown-status",
    "status-marked-twice",
    "status-misspelled",
    "duplicate-header",
    "hidden-sheet",
    "duplicate-id",
    "generated-id",
    "missing-id",
    "missing-title",
    "unknown-pillar",
    "progress-out-of-range",
    "progress-as-fraction",
    "unreadable-date",
    "ambiguous-date",
    "approximate-date",
    "unreadable-number",
    "number-as-date",
    "duplicate-definition",
    "due-before-start",
}

SUMMARIES = ("summary-status-block", "summary-total-line", "summary-count-line", "summary-by-pillar")
LANGS = ["en", "fr", "es", "ru", "zh", "ar"]

# Header words per language; each must be an alias the default profile knows.
HEADERS = {
    "en": {
        "id": ["ID", "Ref.", "No."],
        "title": ["Initiative", "Project", "Task", "Activity", "Workstream"],
        "pillar": ["Pillar"],
        "owner": ["Owner", "Lead", "Focal point", "Responsible"],
        "status": ["Status", "Current status"],
        "start": ["Start date", "Start"],
        "due": ["Due date", "Deadline", "End date"],
        "progress": ["Progress %", "% complete", "Completion %"],
        "description": ["Description"],
    },
    "fr": {
        "id": ["Réf", "N°", "Identifiant"],
        "title": ["Intitulé", "Projet", "Activité", "Tâche"],
        "pillar": ["Pilier"],
        "owner": ["Responsable", "Pilote", "Point focal"],
        "status": ["Statut", "État"],
        "start": ["Date de début"],
        "due": ["Échéance", "Date de fin"],
        "progress": ["% d'avancement", "Avancement", "Taux de réalisation"],
        "description": ["Description", "Descriptif"],
    },
    "es": {
        "id": ["Ref.", "Código", "Número", "Nº"],
        "title": ["Iniciativa", "Proyecto", "Actividad", "Tarea"],
        "pillar": ["Pilar"],
        "owner": ["Responsable", "Punto focal", "Encargado"],
        "status": ["Estado", "Situación"],
        "start": ["Fecha de inicio", "Inicio"],
        "due": ["Fecha límite", "Plazo", "Fecha de fin"],
        "progress": ["% de avance", "Avance", "Porcentaje de avance"],
        "description": ["Descripción"],
    },
    "ru": {
        "id": ["Номер", "Код"],
        "title": ["Инициатива", "Мероприятие", "Проект", "Задача"],
        "pillar": ["Направление"],
        "owner": ["Ответственный", "Исполнитель"],
        "status": ["Статус", "Состояние"],
        "start": ["Дата начала", "Начало"],
        "due": ["Срок", "Дата окончания"],
        "progress": ["% выполнения", "Прогресс"],
        "description": ["Описание"],
    },
    "zh": {
        "id": ["编号", "序号"],
        "title": ["举措", "项目", "任务"],
        "pillar": ["支柱"],
        "owner": ["负责人", "牵头单位"],
        "status": ["状态"],
        "start": ["开始日期"],
        "due": ["截止日期", "完成日期"],
        "progress": ["进度", "完成率"],
        "description": ["描述"],
    },
    "ar": {
        "id": ["الرقم", "المعرف"],
        "title": ["المبادرة", "المشروع", "النشاط"],
        "pillar": ["الركيزة", "المحور"],
        "owner": ["المسؤول", "الجهة المسؤولة"],
        "status": ["الحالة"],
        "start": ["تاريخ البدء"],
        "due": ["الموعد النهائي", "تاريخ الانتهاء"],
        "progress": ["نسبة الإنجاز", "التقدم"],
        "description": ["الوصف"],
    },
}
DELIVERABLE_GROUP = {
    "en": ["Deliverables by:", "Deliverables"],
    "fr": ["Livrables pour", "Livrables d'ici"],
    "es": ["Entregables para:", "Entregables"],
    "ru": ["Результаты к:", "Результаты"],
    "zh": ["成果", "可交付成果"],
    "ar": ["المخرجات بحلول", "المخرجات"],
}
DELIVERABLE_PREFIX = {
    "en": "Deliverables by",
    "fr": "Livrables pour",
    "es": "Entregables para",
    "ru": "Результаты к",
    "zh": "成果",
    "ar": "المخرجات بحلول",
}
# Headers no profile field knows: they go to `extra`.
NOTES = {"en": "Notes", "fr": "Remarques", "es": "Observaciones", "ru": "Примечания", "zh": "备注", "ar": "ملاحظات"}
STATUSES = {
    "en": {
        "completed": ["Completed", "Done", "Complete", "Finished"],
        "ongoing": ["Ongoing", "On-going", "In progress", "Underway"],
        "planned": ["Planned", "Not started", "Pending"],
        "revised": ["Revised", "Scope changed", "Rescoped"],
    },
    "fr": {
        "completed": ["Achevé", "Terminé", "Réalisé", "Clôturé"],
        "ongoing": ["En cours", "En cours de réalisation", "Démarré"],
        "planned": ["Prévu", "Non démarré", "Pas encore commencé", "À venir"],
        "revised": ["Révisé", "Fusionné", "Périmètre modifié"],
    },
    "es": {
        "completed": ["Completado", "Terminado", "Finalizado", "Concluido"],
        "ongoing": ["En curso", "En ejecución", "En marcha"],
        "planned": ["Previsto", "No iniciado", "Pendiente", "Por iniciar"],
        "revised": ["Revisado", "Fusionado", "Alcance modificado"],
    },
    "ru": {
        "completed": ["Завершено", "Выполнено"],
        "ongoing": ["В процессе", "Выполняется", "В работе"],
        "planned": ["Запланировано", "Не начато"],
        "revised": ["Пересмотрено", "Изменено", "Объединено"],
    },
    "zh": {
        "completed": ["已完成", "完成"],
        "ongoing": ["进行中", "实施中"],
        "planned": ["未开始", "计划中"],
        "revised": ["已修订", "已调整"],
    },
    "ar": {
        "completed": ["مكتمل", "منجز"],
        "ongoing": ["قيد التنفيذ", "جارية"],
        "planned": ["لم يبدأ", "مخطط"],
        "revised": ["منقح", "معدل"],
    },
}
# Ticks people write under a column per status.
TICKS = {
    "en": ["X", "x", "✓", "✔", "Yes", "1"],
    "fr": ["X", "✓", "Oui"],
    "es": ["X", "✓", "Sí"],
    "ru": ["X", "✓", "Да"],
    "zh": ["√", "✓", "是", "X"],
    "ar": ["✓", "X", "نعم"],
}
# What people write in the boxes left unticked, when not a blank.
UNTICKS = {"en": "No", "fr": "Non", "es": "No", "ru": "Нет", "zh": "×", "ar": "لا"}
UNKNOWN_STATUS = {
    "en": ["Stalled", "On hold", "Blocked", "Cancelled"],
    "fr": ["Suspendu", "En attente", "Bloqué", "Annulé"],
    "es": ["Suspendido", "En espera", "Bloqueado", "Cancelado"],
    "ru": ["Приостановлено", "Отложено", "Отменено"],
    "zh": ["暂停", "已取消", "推迟"],
    "ar": ["معلق", "متوقف", "مؤجل"],
}
# Small edits of a status word: (as written, the status a person reads).
MISSPELLED = {"en": [("Compelted", "completed"), ("Plannned", "planned"), ("Ongoign", "ongoing")]}
TOTAL = {"en": "Total", "fr": "Total", "es": "Total", "ru": "Итого", "zh": "合计", "ar": "المجموع"}
SUMMARY_HEAD = {
    "en": [["Status", "Count", "Share"], ["Summary by status", "Count", "Share"]],
    "fr": [["Synthèse par statut", "Nombre", "Part"], ["Statut", "Nombre", "%"]],
    "es": [["Estado", "Cantidad", "Porcentaje"], ["Resumen por estado", "Cantidad", "%"]],
    "ru": [["Статус", "Количество", "Доля"]],
    "zh": [["状态", "数量", "占比"]],
    "ar": [["الحالة", "العدد", "النسبة"]],
}
TOTAL_LINE = {
    "en": "Total initiatives",
    "fr": "Total des initiatives",
    "es": "Total de iniciativas",
    "ru": "Всего инициатив",
    "zh": "举措总数",
    "ar": "إجمالي المبادرات",
}
# A count line whose label does not start with the total word.
COUNT_LINE = {
    "en": "Number of initiatives",
    "fr": "Nombre total d'initiatives",
    "es": "Número de iniciativas",
    "ru": "Количество инициатив",
    "zh": "举措数量",
    "ar": "عدد المبادرات",
}
TITLE = {
    "en": ["Transformation roadmap — tracker", "Change programme status report"],
    "fr": ["Feuille de route de la transformation — suivi", "Rapport d'avancement"],
    "es": ["Hoja de ruta de transformación — seguimiento", "Informe de avance"],
    "ru": ["Дорожная карта преобразований — мониторинг"],
    "zh": ["转型路线图 — 跟踪表"],
    "ar": ["خارطة طريق التحول — المتابعة"],
}
# A count line whose label does not start with the total word.
COUNT_LINE = {
    "en": "Number of initiatives",
    "fr": "Nombre total d'initiatives",
    "es": "Número de iniciativas",
    "ru": "Количество инициатив",
    "zh": "举措数量",
    "ar": "عدد المبادرات",
}
PILLAR_LIST_TITLE = {
    "en": "List of pillars",
    "fr": "Liste des piliers",
    "es": "Lista de pilares",
    "ru": "Перечень направлений",
    "zh": "支柱一览",
    "ar": "قائمة الركائز",
}
AS_OF = {
    "en": ["As of", "As at", "Data as of:", "Status as at", "Last updated:", "Reporting date:", "Report date"],
    "fr": ["Situation au", "État d'avancement au", "Mis à jour le", "Date du rapport :"],
    "es": ["Situación al", "A fecha de", "Actualizado al", "Fecha de corte:"],
    "ru": ["По состоянию на", "Дата отчета:", "Обновлено"],
    "zh": ["截至", "更新日期：", "报告日期"],
    "ar": ["بتاريخ", "تاريخ التقرير:", "آخر تحديث"],
}
# Report-date phrases written inside a title line, after the title.
AS_OF_IN_TITLE = {
    "en": ["update of", "status as at", "as of"],
    "fr": ["situation au", "mise à jour du"],
    "es": ["situación al", "actualización al"],
    "ru": ["по состоянию на"],
    "zh": ["截至"],
    "ar": ["بتاريخ"],
}
# A column of actual completion dates beside the due date: its header, and the due headers surer than it.
ACTUAL_DATE = {"en": ("Completion date", ["Target date", "Due date", "Deadline"]), "zh": ("完成日期", ["截止日期"])}
# A status column headed by a word the profile does not know, told by its values.
STAGE = {"en": ["Stage", "Phase"], "fr": ["Étape"], "es": ["Etapa"], "ru": ["Этап"], "zh": ["阶段"], "ar": ["المرحلة"]}
# Colours of a RAG column.
RAG = {
    "en": ["Red", "Amber", "Green"],
    "fr": ["Rouge", "Orange", "Vert"],
    "es": ["Rojo", "Ámbar", "Verde"],
    "ru": ["Красный", "Жёлтый", "Зелёный"],
    "zh": ["红", "黄", "绿"],
    "ar": ["أحمر", "أصفر", "أخضر"],
}
# Notes written after a status word ("Ongoing - delayed").
NOTE_WORDS = {
    "en": ["see minutes", "phase 2", "Q3 review", "delayed", "at risk"],
    "fr": ["voir note", "phase 2", "en retard"],
    "es": ["ver nota", "fase 2", "retrasado"],
    "ru": ["см. примечание", "этап 2", "с задержкой"],
    "zh": ["见备注", "二期", "延期"],
    "ar": ["انظر الملاحظة", "المرحلة 2", "متأخر"],
}
# Labels of pillar lines ("Pillar 1: Governance"); each a pillar header word of the default profile.
PILLAR_LABEL = {
    "en": ["Pillar", "Strategic pillar"],
    "fr": ["Pilier", "Axe"],
    "es": ["Pilar", "Eje"],
    "ru": ["Направление"],
    "zh": ["支柱"],
    "ar": ["الركيزة", "المحور"],
}
# Sub-headers of a field's header over two periods: the earlier, then the current.
PERIODS = {
    "en": [("Previous quarter", "Current"), ("Last month", "This month"), ("Q1", "Q2")],
    "fr": [("Trimestre précédent", "Actuel")],
    "es": [("Trimestre anterior", "Actual")],
    "ru": [("Предыдущий квартал", "Текущий")],
    "zh": [("上季度", "本季度")],
    "ar": [("الربع السابق", "الحالي")],
}
LEGEND = {
    "en": "Legend:",
    "fr": "Légende :",
    "es": "Leyenda:",
    "ru": "Условные обозначения:",
    "zh": "图例：",
    "ar": "مفتاح:",
}
SHEET = {
    "table": {"en": "Tracker", "fr": "Suivi", "es": "Seguimiento", "ru": "Мониторинг", "zh": "跟踪", "ar": "المتابعة"},
    "pillars": {"en": "Pillars", "fr": "Piliers", "es": "Pilares", "ru": "Направления", "zh": "支柱", "ar": "الركائز"},
    "lists": {"en": "Lists", "fr": "Listes", "es": "Listas", "ru": "Списки", "zh": "列表", "ar": "القوائم"},
    "hidden": {
        "en": "Q3 copy",
        "fr": "Copie T3",
        "es": "Copia T3",
        "ru": "Копия Q3",
        "zh": "三季度副本",
        "ar": "نسخة الربع 3",
    },
    "prose": {"en": "Read me", "fr": "Lisez-moi", "es": "Léame", "ru": "Прочти", "zh": "说明文档", "ar": "اقرأني"},
}
PROSE = {
    "en": ["How to use this tracker", "Update the status of each initiative every month.", "Ask the programme office"],
    "fr": ["Comment utiliser ce suivi", "Mettez à jour le statut de chaque initiative chaque mois."],
    "es": ["Cómo usar este seguimiento", "Actualice el estado de cada iniciativa cada mes."],
    "ru": ["Как пользоваться", "Обновляйте статус каждой инициативы ежемесячно."],
    "zh": ["使用说明", "每月更新每项举措的状态。"],
    "ar": ["طريقة الاستخدام", "حدّث حالة كل مبادرة شهريا."],
}
NOUNS = {
    "en": [
        "Service delivery",
        "Digital workplace",
        "Talent",
        "Partnerships",
        "Data",
        "Outreach",
        "Quality",
        "Field operations",
        "Learning",
        "Procurement",
        "Sustainability",
        "Risk",
        "Facilities",
        "Finance",
    ],
    "fr": [
        "Gouvernance",
        "Talents",
        "Partenariats",
        "Numérique",
        "Qualité",
        "Achats",
        "Communication",
        "Données",
        "Apprentissage",
        "Opérations de terrain",
        "Durabilité",
    ],
    "es": [
        "Gobernanza",
        "Talento",
        "Alianzas",
        "Transformación digital",
        "Calidad",
        "Compras",
        "Comunicación",
        "Datos",
        "Operaciones",
        "Sostenibilidad",
    ],
    "ru": ["Управление", "Кадры", "Партнёрства", "Цифровизация", "Качество", "Закупки", "Коммуникации", "Данные"],
    "zh": ["治理", "人才", "伙伴关系", "数字化", "质量", "采购", "沟通", "数据"],
    "ar": ["الحوكمة", "المواهب", "الشراكات", "التحول الرقمي", "الجودة", "المشتريات", "الاتصال", "البيانات"],
}
AND = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и ", "zh": "与", "ar": " و"}
VERBS = {
    "en": ["Modernize", "Pilot", "Roll out", "Review", "Automate", "Consolidate", "Launch"],
    "fr": ["Moderniser", "Piloter", "Déployer", "Réviser", "Automatiser", "Lancer"],
    "es": ["Modernizar", "Pilotar", "Implantar", "Revisar", "Automatizar", "Lanzar"],
    "ru": ["Модернизировать", "Внедрить", "Пересмотреть", "Автоматизировать"],
    "zh": ["推进", "试点", "优化", "上线", "整合"],
    "ar": ["تحديث", "تجربة", "إطلاق", "مراجعة", "أتمتة"],
}
OBJECTS = {
    "en": ["the intranet", "travel requests", "the member portal", "onboarding", "the ERP", "records", "the helpdesk"],
    "fr": ["l'intranet", "les missions", "le portail", "l'accueil", "le progiciel", "les archives"],
    "es": ["la intranet", "los viajes", "el portal", "la incorporación", "el ERP", "los archivos"],
    "ru": ["интранет", "командировки", "портал", "архив", "закупки"],
    "zh": ["内网", "差旅", "门户", "档案", "采购系统"],
    "ar": ["الشبكة الداخلية", "السفر", "البوابة", "الأرشيف"],
}
UNITS = ["HR", "Finance", "IT", "Comms", "Legal", "Ops", "Audit", "Unit A", "Unit B", "PMO"]
CHECKPOINT_STEMS = ["Board", "Council", "Review", "Assembly", "Summit", "MTR"]


@dataclass(frozen=True)
class Pct:
    """A fraction written under the 0% number format (shows fraction * 100 %)."""

    value: float


@dataclass(frozen=True)
class Formula:
    """A formula with the value it shows (saved with it)."""

    expr: str
    value: Any


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    hidden: bool = False


@dataclass
class Tracker:
    name: str
    lang: str
    traits: set[str]
    sheets: list[Sheet]
    table: Sheet
    initiatives: list[dict[str, Any]]
    issues: list[dict[str, Any]] = field(default_factory=list)  # sheet None: the table sheet
    has_dates: bool = True
    as_of: str | None = None  # the report date the title block gives


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip().rstrip(":：").strip().lower()


def _words(s: str) -> str:
    """The words of a phrase as the importer compares them: folded, punctuation dropped."""
    bare = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+|%", bare.lower()))


def check_profile() -> None:
    """Every header and status word the generator writes must be one the default profile knows."""
    prof = json.loads(PROFILE.read_text(encoding="utf-8"))
    aliases = {f: {_norm(a) for a in al} for f, al in prof["fields"].items()}
    for lang, heads in HEADERS.items():
        for f, words in heads.items():
            for w in words:
                assert _norm(w) in aliases[f], f"{lang} header {w!r} is not a {f} alias of the default profile"
        assert _norm(NOTES[lang]) not in {a for al in aliases.values() for a in al}
    for lang, by_status in STATUSES.items():
        for st, words in by_status.items():
            known = {_norm(w) for w in prof["statuses"][st]}
            for w in words:
                assert _norm(w) in known, f"{lang} status {w!r} is not a {st} word of the default profile"
    marks = {m.strip().lower() for m in prof["marks"]}
    for lang, ticks in TICKS.items():
        for m in ticks:
            assert m == "1" or m.lower() in marks, f"{lang} tick {m!r} is not a mark of the default profile"
    unmarks = {m.strip().lower() for m in prof["unmarks"]}
    for lang, m in UNTICKS.items():
        assert m.lower() in unmarks, f"{lang} {m!r} is not an unmark of the default profile"
    non = {_norm(w) for w in prof["non_statuses"]}
    for lang, words in UNKNOWN_STATUS.items():
        for w in words:
            assert _norm(w) in non, f"{lang} {w!r} is not a non-status of the default profile"
    for lang, labels in PILLAR_LABEL.items():
        for w in labels:
            assert _norm(w) in aliases["pillar"], f"{lang} {w!r} is not a pillar header word of the default profile"
    phrases = {_words(w) for w in prof["as_of"]}
    for lang, words in AS_OF.items():
        for w in words:
            ws = _words(w)
            # The phrase, or the phrase after words such as "Data" or "État d'avancement".
            assert any(ws == p or ws.endswith(" " + p) for p in phrases), f"{lang} {w!r}: no report-date phrase"
    groups = {_norm(w) for w in prof["deliverable_groups"]}
    for lang, words in DELIVERABLE_GROUP.items():
        for w in words:
            assert _norm(w) in groups, f"{lang} {w!r} is not a deliverable group of the default profile"


def col_name(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_ref(r: int, c: int) -> str:
    return f"{col_name(c)}{r + 1}"


def choose_traits(rnd: random.Random, allowed: set[str]) -> set[str]:
    t: set[str] = set()

    def maybe(name: str, p: float) -> None:
        if name in allowed and rnd.random() < p:
            t.add(name)

    langs = [f"lang-{x}" for x in LANGS if f"lang-{x}" in allowed] or ["lang-en"]
    t.add(rnd.choice(langs))
    for name, p in [
        ("title-block", 0.6),
        ("legend", 0.25),
        ("header-offset", 0.35),
        ("two-row-header", 0.3),
        ("deliverable-prefix-header", 0.2),
        ("status-variants", 0.3),
        ("unknown-status", 0.3),
        ("misspelled-status", 0.3),
        ("numeric-ids", 0.2),
        ("outline-ids", 0.15),
        ("sections", 0.3),
        ("blank-gaps", 0.25),
        ("stacked-tables", 0.2),
        ("pillar-sections", 0.2),
        ("pillar-once", 0.15),
        ("units-row", 0.15),
        ("rag-status", 0.15),
        ("group-headings", 0.15),
        ("status-notes", 0.2),
        ("status-ticks", 0.12),
        ("side-by-side", 0.15),
        ("summary-beside", 0.15),
        ("grouped-field-header", 0.2),
        ("totals-row", 0.25),
        ("pillars-sheet", 0.25),
        ("allowed-values-sheet", 0.2),
        ("hidden-sheet", 0.2),
        ("prose-sheet", 0.2),
        ("duplicate-headers", 0.2),
        ("multiline-cells", 0.3),
        ("dates-real", 0.6),
    ]:
        maybe(name, p)
    if "title-block" in t:
        maybe("as-of-line", 0.5)
        if "as-of-line" not in t:
            maybe("as-of-in-title", 0.3)
    if not t & {"as-of-line", "as-of-in-title"}:
        maybe("as-of-footer", 0.2)
    if "pillars-sheet" in t:
        maybe("pillars-sheet-bare-title", 0.4)
    if "two-row-header" in t:
        t.discard("deliverable-prefix-header")
    if "outline-ids" in t:
        t.discard("numeric-ids")
    if "units-row" in t:
        t -= {"two-row-header", "grouped-field-header"}
    if "rag-status" in t:
        t.discard("grouped-field-header")
    if "group-headings" in t:
        t -= {"sections", "pillar-sections"}
    if "pillar-sections" in t:
        # The pillar context of a block stacked under another unit's title,
        # or of area sections cut anywhere, is no one reading.
        t -= {"sections", "stacked-tables", "pillar-once"}
    if "pillar-once" in t:
        # A block stacked under another unit's title starts a table of its own.
        t.discard("stacked-tables")
    if "side-by-side" in t:
        # The table beside starts afresh: no pillar carried over, no block below.
        t -= {"stacked-tables", "pillar-once", "pillar-sections", "summary-beside"}
    if "status-ticks" in t:
        # No status word to vary, nor a status column to copy or count.
        t -= {"rag-status", "grouped-field-header", "unknown-status", "misspelled-status", "status-variants"}
        t -= {"status-notes", "hidden-sheet"}
    if "misspelled-status" in t and "lang-en" not in t:
        t.discard("misspelled-status")
    summaries = [s for s in SUMMARIES if s in allowed]
    if summaries and rnd.random() < 0.45:
        t.add(rnd.choice(summaries))
        if "summary-status-block" in t and "status-ticks" not in t:
            # (Formulas count the status column's words: ticks have none.)
            maybe("summary-formulas", 0.6)
    progress = [p for p in ("progress-text-percent", "progress-number", "progress-percent-format") if p in allowed]
    t.add(rnd.choice(progress or ["progress-number"]))
    return t


def make_tracker(rnd: random.Random, name: str, allowed: set[str]) -> Tracker:
    t = choose_traits(rnd, allowed)
    lang = next(x for x in LANGS if f"lang-{x}" in t)
    H = HEADERS[lang]
    n_pillars = rnd.randint(2, 5)
    nouns = rnd.sample(NOUNS[lang], n_pillars + 3)
    pillars = []
    for i in range(n_pillars):
        p = nouns[i] if rnd.random() < 0.5 else nouns[i] + AND[lang] + nouns[n_pillars + i % 3].lower()
        pillars.append(p)
    areas = rnd.sample(NOUNS[lang], 3)
    checkpoints = [f"{rnd.choice(CHECKPOINT_STEMS)}-{y}" for y in rnd.sample(range(26, 30), 2)]
    checkpoints.sort(key=lambda s: s[-2:])
    if checkpoints[0] == checkpoints[1]:
        checkpoints[1] += "b"

    # Columns: (field, header text); the table's first column carries the id.
    cols: list[tuple[str, str]] = [("id", rnd.choice(H["id"])), ("title", rnd.choice(H["title"]))]
    if "pillar-sections" not in t:
        cols.append(("pillar", rnd.choice(H["pillar"])))
    if rnd.random() < 0.7:
        cols.append(("owner", rnd.choice(H["owner"])))
    if "grouped-field-header" in t:
        cols.append(("status_prev", rnd.choice(H["status"])))
    tick = rnd.choice(TICKS[lang]) if "status-ticks" in t else None
    untick = UNTICKS[lang] if "status-ticks" in t and rnd.random() < 0.3 else None
    if "status-ticks" in t:
        cols += [(f"tick_{s}", rnd.choice(STATUSES[lang][s])) for s in ("completed", "ongoing", "planned", "revised")]
    elif "rag-status" in t:
        cols.append(("rag", f"{rnd.choice(H['status'])} (RAG)"))
        cols.append(("status", rnd.choice(STAGE[lang])))
    else:
        cols.append(("status", rnd.choice(H["status"])))
    has_dates = rnd.random() < 0.7
    if not has_dates:
        t.discard("dates-real")
    else:
        cols.append(("start", rnd.choice(H["start"])))
        if lang in ACTUAL_DATE and "actual-and-target" in allowed and rnd.random() < 0.3:
            t.add("actual-and-target")
            actual, surer = ACTUAL_DATE[lang]
            cols += [("actual", actual), ("due", rnd.choice(surer))]
        else:
            cols.append(("due", rnd.choice(H["due"])))
        spelled = [d for d in ("dates-us-text", "dates-dmy-text") if d in allowed]
        if "dates-real" not in t and spelled and rnd.random() < 0.5:
            t.add(rnd.choice(spelled))
    cols.append(("progress", rnd.choice(H["progress"])))
    if "multiline-cells" in t or "duplicate-headers" in t:
        cols.append(("notes", NOTES[lang]))
    if "duplicate-headers" in t:
        cols.append(("notes2", NOTES[lang]))
    deliverables = "two-row-header" in t or "deliverable-prefix-header" in t
    if deliverables:
        for k, cp in enumerate(checkpoints):
            head = f"{DELIVERABLE_PREFIX[lang]} {cp}" if "deliverable-prefix-header" in t else cp
            cols.append((f"deliv{k}", head))

    n = rnd.randint(3, 14)
    id_style = rnd.choice(["PRJ-{:02d}", "INI-{:03d}", "A{}", "TR-{}"])
    as_of = dt.date(2026, rnd.randint(1, 12), rnd.randint(1, 28))
    pct_style = next(p for p in ("progress-text-percent", "progress-number", "progress-percent-format") if p in t)

    records: list[dict[str, Any]] = []
    top = sub = 0  # the outline number of the last record (outline-ids)
    issues_at: list[tuple[str, str]] = []  # (code, field) per record, resolved to cells later
    for i in range(n):
        rid: Any = i + 1 if "numeric-ids" in t else id_style.format(i + 1)
        parent = None
        if "outline-ids" in t:
            if i == 0 or rnd.random() < 0.4:
                top, sub = top + 1, 0
                rid = str(top)
            else:
                sub += 1
                rid, parent = f"{top}.{sub}", str(top)
        st = rnd.choices(["completed", "ongoing", "planned", "revised"], [3, 4, 2, 1])[0]
        word = rnd.choice(STATUSES[lang][st])
        status: str | None = st
        code = None
        r = rnd.random()
        if "unknown-status" in t and r < 0.25:
            word, status, code = rnd.choice(UNKNOWN_STATUS[lang]), None, "unknown-status"
        elif "misspelled-status" in t and r > 0.8:
            word, status = rnd.choice(MISSPELLED[lang])
            code = "status-misspelled"
        elif "status-variants" in t and lang in ("en", "fr", "es", "ru"):
            word = rnd.choice([word.upper(), word.lower(), word + " ", " " + word.capitalize()])
        elif "status-notes" in t and r < 0.5:
            word = rnd.choice(["{} (Dec 2025)", "{} - {}", "{} (70%)"]).format(word, rnd.choice(NOTE_WORDS[lang]))
        if status == "completed":
            prog: int | None = 100
        elif status == "planned":
            prog = 0 if rnd.random() < 0.6 else None
        elif status == "ongoing":
            prog = rnd.randrange(5, 100, 5)
        else:
            prog = rnd.randrange(0, 85, 5)
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 700))
        due = start + dt.timedelta(days=rnd.randint(30, 500))
        title = f"{rnd.choice(VERBS[lang])} {rnd.choice(OBJECTS[lang])}"
        if rnd.random() < 0.5:
            title += f" ({i + 1})"
        rec = {
            "id": rid,
            "title": title,
            "pillar": rnd.choice(pillars),
            "owner": rnd.choice(UNITS),
            "status_word": word,
            "status": status,
            "progress": prog,
            "start": start,
            "due": due,
            "area": None,
            "parent": parent,
        }
        if "notes" in dict(cols):
            note = f"note {i + 1}"
            if "multiline-cells" in t and rnd.random() < 0.5:
                note += "\n" + rnd.choice(["second line", 'see minutes; vendor, "quick wins"', "line 2\nline 3"])
            rec["notes"] = note
            rec["notes2"] = f"other note {i + 1}"
        for k in range(len(checkpoints)):
            rec[f"deliv{k}"] = rnd.choice(["Report", "Pilot live", "Policy adopted", None])
        records.append(rec)
        if code:
            issues_at.append((code, str(rid)))
    if "status-ticks" in t and n >= 5 and not t & {"side-by-side", "stacked-tables"} and rnd.random() < 0.4:
        # One row ticked under its status and another: no status, an error at the first tick.
        rec = records[rnd.randrange(3, n)]
        other = rnd.choice([s for s in ("completed", "ongoing", "planned", "revised") if s != rec["status"]])
        rec["ticks"] = {rec["status"], other}
        rec["status"] = None

    if "pillar-sections" in t or "pillar-once" in t:
        records.sort(key=lambda r: pillars.index(r["pillar"]))
    if t & {"dates-us-text", "dates-dmy-text"}:
        # A day past 12 on the first record proves the order, as in most trackers.
        records[0]["due"] = records[0]["due"].replace(day=rnd.randint(13, 28))
    label_style = rnd.choice(
        ["{label} {k}: {name}", "{label} {roman}. {name}", "{label} {k} — {name}", "{LABEL} {k}: {name}"]
    )
    pillar_label = rnd.choice(PILLAR_LABEL[lang])

    rows: list[list[Any]] = []
    c0 = 0
    if "header-offset" in t:
        c0 = rnd.choice([0, 1, 1, 2])
    width = c0 + len(cols)

    def blank() -> list[Any]:
        return [None] * width

    def line(text: Any, at: int = 0, *more: Any) -> list[Any]:
        row = blank()
        row[at] = text
        for k, v in enumerate(more):
            row[at + 1 + k] = v
        return row

    if "title-block" in t:
        h = rnd.randint(1, 4)
        block = [line(rnd.choice(TITLE[lang]))]
        if "as-of-in-title" in t:
            block[0][0] += f" — {rnd.choice(AS_OF_IN_TITLE[lang])} {as_of.isoformat()}"
        if "as-of-line" in t:
            phrase = rnd.choice(AS_OF[lang])
            block.append(line(f"{phrase} {as_of.isoformat()}") if rnd.random() < 0.5 else line(phrase, 0, as_of))
        while len(block) < h:
            block.append(line(rnd.choice(UNITS)) if rnd.random() < 0.4 else blank())
        rows += block
    if "legend" in t:
        words = "; ".join(f"{STATUSES[lang][s][0]}" for s in ("completed", "ongoing", "planned", "revised"))
        rows.append(line(f"{LEGEND[lang]} {words}"))
    if "header-offset" in t:
        rows += [blank() for _ in range(rnd.randint(0, 2))]

    # The header: one row, or a group label over checkpoint names.
    head_row = len(rows)
    if "two-row-header" in t or "grouped-field-header" in t:
        top, sub = blank(), blank()
        on_top = rnd.random() < 0.6 or "grouped-field-header" in t
        periods = rnd.choice(PERIODS[lang])
        for k, (f, h) in enumerate(cols):
            if f == "status_prev":
                top[c0 + k], sub[c0 + k] = h, periods[0]
            elif f == "status" and "grouped-field-header" in t:
                sub[c0 + k] = periods[1]
            elif f.startswith("deliv"):
                if f == "deliv0":
                    top[c0 + k] = rnd.choice(DELIVERABLE_GROUP[lang])
                sub[c0 + k] = h
            else:
                (top if on_top else sub)[c0 + k] = h
        rows += [top, sub]
    else:
        rows.append(line(cols[0][1], c0, *[h for _, h in cols[1:]]))
        if "units-row" in t:
            notes = {"progress": "(%)", "start": "[dd/mm/yyyy]", "due": "[dd/mm/yyyy]"}
            rows.append(line(None, c0, *[notes.get(f) for f, _ in cols[1:]]))
    header_rows = len(rows) - head_row

    expected: list[dict[str, Any]] = []
    # Columns kept under extra with duplicate-header: a second "Notes"; actual dates beside surer due dates.
    dup_fields = [f for f in ("notes2", "actual") if f in dict(cols)]
    for f in dup_fields:
        k = [g for g, _ in cols].index(f)
        expected.append(
            {
                "code": "duplicate-header",
                "cell": cell_ref(head_row + (header_rows - 1 if rows[head_row][c0 + k] is None else 0), c0 + k),
            }
        )

    section_at: dict[int, str] = {}
    if "sections" in t and n >= 4:
        cuts = sorted(rnd.sample(range(1, n), min(2, n - 1)))
        for k, at in enumerate([0, *cuts]):
            section_at[at] = areas[k]
    else:
        t.discard("sections")
    gaps = set()
    if "blank-gaps" in t and n >= 4:
        gaps = set(rnd.sample(range(1, n), rnd.randint(1, 2))) - set(section_at)
    if not gaps:
        t.discard("blank-gaps")
    stack_at = None
    if "stacked-tables" in t and n >= 4:
        stack_at = rnd.choice([k for k in range(2, n) if k not in section_at and k not in gaps] or [None])
    if stack_at is None:
        t.discard("stacked-tables")
    header_copy = [list(r) for r in rows[head_row : head_row + header_rows]]

    fields_of = [f for f, _ in cols]

    def value_of(i: int, rec: dict[str, Any], f: str) -> Any:
        """What the cell of field f of the i-th record holds."""
        if f == "status":
            return rec["status_word"]
        if f.startswith("tick_"):
            return tick if f[5:] in rec.get("ticks", {rec["status"]}) else untick
        if f == "pillar" and "pillar-once" in t and i > 0 and records[i - 1]["pillar"] == rec["pillar"]:
            return None
        if f == "status_prev":
            return rnd.choice(STATUSES[lang][rnd.choice(["planned", "ongoing"])])
        if f == "rag":
            return rnd.choice(RAG[lang])
        if f == "progress":
            p = rec["progress"]
            if p is None:
                return None
            return {"progress-text-percent": f"{p}%", "progress-number": p}.get(pct_style, Pct(p / 100))
        if f == "actual" and rec["status"] != "completed":
            return None
        if f in ("start", "due", "actual"):
            d = rec["due"] - dt.timedelta(days=3) if f == "actual" else rec[f]
            if "dates-real" in t:
                return d
            if "dates-us-text" in t:
                return f"{d.month}/{d.day}/{d.year}"
            if "dates-dmy-text" in t:
                return f"{d.day:02d}/{d.month:02d}/{d.year}"
            return d.isoformat()
        return rec.get(f)

    def place(row: list[Any], at: int, values: list[Any]) -> None:
        """Writes values into the row from column at on."""
        row.extend([None] * (at + len(values) - len(row)))
        row[at : at + len(values)] = values

    heading_at: dict[int, str] = {}
    if "group-headings" in t and n >= 3:
        for k, at in enumerate([0, *sorted(rnd.sample(range(1, n), min(2, n - 1)))]):
            heading_at[at] = f"{nouns[k]}{AND[lang]}{nouns[n_pillars + k % 3].lower()}"
    else:
        t.discard("group-headings")
    side_from = None
    if "side-by-side" in t and n >= 4:
        side_from = n - rnd.randint(1, n // 2)
    else:
        t.discard("side-by-side")
    area = None
    cell_of: dict[str, dict[str, str]] = {}
    for i, rec in enumerate(records):
        if side_from is not None and i >= side_from:
            break
        if i in gaps:
            rows.append(blank())
        if i == stack_at:
            rows += [blank() for _ in range(rnd.randint(1, 2))]
            rows.append(line(rnd.choice(UNITS)))
            second_head = len(rows)
            rows += [list(r) for r in header_copy]
            for e in list(expected):
                if e["code"] == "duplicate-header":
                    at = int("".join(ch for ch in e["cell"] if ch.isdigit())) - 1 - head_row + second_head
                    expected.append({"code": "duplicate-header", "cell": e["cell"].rstrip("0123456789") + str(at + 1)})
        if "pillar-sections" in t and (i == 0 or rec["pillar"] != records[i - 1]["pillar"]):
            k = pillars.index(rec["pillar"]) + 1
            roman = ["I", "II", "III", "IV", "V", "VI"][k - 1]
            label, name = pillar_label, rec["pillar"]
            text = label_style.format(label=label, LABEL=label.upper(), k=k, roman=roman, name=name)
            rows.append(line(text, c0))
        if "group-headings" in t and i in heading_at:
            rows.append(line(heading_at[i], c0))
        if i in section_at:
            area = section_at[i]
            k = len([x for x in section_at if x <= i])
            rows.append(line(rnd.choice([f"{k}  {area}", f"{k}. {area}"]), c0))
        rec["area"] = area
        r = len(rows)
        row = blank()
        for k, (f, _) in enumerate(cols):
            row[c0 + k] = value_of(i, rec, f)
        rows.append(row)
        cell_of[str(rec["id"])] = {f: cell_ref(r, c0 + k) for k, (f, _) in enumerate(cols)}
    if side_from is not None:
        # The second table: the same header rows, its records from the header's row down.
        b0 = width + 1
        for k, hr in enumerate(header_copy):
            place(rows[head_row + k], b0, hr[c0:])
        for f in dup_fields:
            k = fields_of.index(f)
            at = head_row + (header_rows - 1 if rows[head_row][c0 + k] is None else 0)
            expected.append({"code": "duplicate-header", "cell": cell_ref(at, b0 + k)})
        for j, rec in enumerate(records[side_from:]):
            r = head_row + header_rows + j
            place(rows[r], b0, [value_of(side_from + j, rec, f) for f, _ in cols])
            rec["area"] = None
            cell_of[str(rec["id"])] = {f: cell_ref(r, b0 + k) for k, (f, _) in enumerate(cols)}
    if "summary-beside" in t:
        at = width + 1
        head = rnd.choice(SUMMARY_HEAD[lang])
        block = [head]
        for st in ("completed", "ongoing", "planned", "revised"):
            block.append([STATUSES[lang][st][0], sum(1 for r in records if r["status"] == st)])
        block.append([TOTAL[lang], n])
        for j, values in enumerate(block):
            while len(rows) <= head_row + j:
                rows.append(blank())
            place(rows[head_row + j], at, values)
    for code, rid in issues_at:
        expected.append({"code": code, "cell": cell_of[rid]["status"]})
    for rec in records:
        if "ticks" in rec:
            first = next(f for f in fields_of if f[5:] in rec["ticks"])
            expected.append({"code": "status-marked-twice", "cell": cell_of[str(rec["id"])][first]})

    fields = [f for f, _ in cols]
    if "totals-row" in t:
        row = blank()
        row[c0 + rnd.choice([0, 1])] = TOTAL[lang]
        done = [r["progress"] for r in records if r["progress"] is not None]
        pk = c0 + fields.index("progress")
        mean = round(sum(done) / max(1, len(done)))
        row[pk] = {"progress-text-percent": f"{mean}%", "progress-number": mean}.get(pct_style, Pct(mean / 100))
        if rnd.random() < 0.5 and "pillar" in fields:
            row[c0 + fields.index("pillar")] = n
        if "status-ticks" in t and rnd.random() < 0.5:
            # The ticks counted under each status's column.
            for st in ("completed", "ongoing", "planned", "revised"):
                row[c0 + fields.index(f"tick_{st}")] = sum(1 for r in records if r["status"] == st)
        rows.append(row)

    summary = next((s for s in SUMMARIES if s in t), None)
    if summary:
        rows += [blank() for _ in range(rnd.randint(1, 3))]
        at = c0 + rnd.choice([0, 1])
        first_rec = head_row + header_rows + 1
        last = len(rows)
        sk = col_name(c0 + fields.index("status")) if "status" in fields else None
        if summary == "summary-status-block":
            rows.append(line(rnd.choice(SUMMARY_HEAD[lang])[0], at, *rnd.choice(SUMMARY_HEAD[lang])[1:]))
            top = len(rows)
            for st in ("completed", "ongoing", "planned", "revised"):
                word = STATUSES[lang][st][0]
                cnt = sum(1 for r in records if r["status"] == st)
                if "summary-formulas" in t:
                    count: Any = Formula(f'=COUNTIF({sk}{first_rec}:{sk}{last},"{word}")', cnt)
                    share: Any = Formula(f"={col_name(at + 1)}{len(rows) + 1}/{n}", cnt / n)
                else:
                    count, share = cnt, f"{round(100 * cnt / n)}%"
                rows.append(line(word, at, count, share))
            tot: Any = n
            if "summary-formulas" in t:
                tot = Formula(f"=SUM({col_name(at + 1)}{top + 1}:{col_name(at + 1)}{len(rows)})", n)
            rows.append(line(TOTAL[lang], at, tot, "100%" if "summary-formulas" not in t else Formula("=1", 1)))
        elif summary in ("summary-total-line", "summary-count-line"):
            label = (TOTAL_LINE if summary == "summary-total-line" else COUNT_LINE)[lang]
            rows.append(line(f"{label}:", at, n) if rnd.random() < 0.5 else line(f"{label}: {n}", at))
        else:
            for p in pillars:
                rows.append(line(p, at, sum(1 for r in records if r["pillar"] == p)))
            rows.append(line(TOTAL[lang], at, n))
    else:
        t.discard("summary-formulas")

    if "as-of-footer" in t:
        phrase = rnd.choice([p for p in AS_OF[lang] if p.rstrip(" :：").lower() not in ("as of", "as at", "au", "al")])
        rows.append(blank())
        rows.append(line(f"{phrase} {as_of.isoformat()}", c0) if rnd.random() < 0.5 else line(phrase, c0, as_of))
    table = Sheet(SHEET["table"][lang], rows)
    sheets = [table]
    if "pillars-sheet" in t:
        title = PILLAR_LIST_TITLE[lang]
        if "pillars-sheet-bare-title" in t:
            title = SHEET["pillars"][lang]
        prows: list[list[Any]] = [[title]]
        prows += [[], ["No.", rnd.choice(H["pillar"]), rnd.choice(H["description"])]]
        prows += [[k + 1, p, f"{p}: {rnd.choice(OBJECTS[lang])}"] for k, p in enumerate(pillars)]
        sheets.append(Sheet(SHEET["pillars"][lang], prows))
    if "allowed-values-sheet" in t:
        words = [STATUSES[lang][s][0] for s in ("completed", "ongoing", "planned", "revised")]
        lrows: list[list[Any]] = [[rnd.choice(H["status"]), rnd.choice(H["pillar"])]]
        for k in range(max(len(words), len(pillars))):
            lrows.append([words[k] if k < len(words) else None, pillars[k] if k < len(pillars) else None])
        sheets.append(Sheet(SHEET["lists"][lang], lrows))
    if "hidden-sheet" in t:
        old = [list(r) for r in rows]
        sk = c0 + fields.index("status")
        for r in old[head_row + header_rows :]:
            if r[sk] is not None and rnd.random() < 0.5:
                r[sk] = STATUSES[lang]["planned"][0]
        sheets.append(Sheet(SHEET["hidden"][lang], old, hidden=True))
        expected.append({"code": "hidden-sheet", "sheet": SHEET["hidden"][lang], "cell": None})
    if "prose-sheet" in t:
        prose = Sheet(SHEET["prose"][lang], [[x] for x in PROSE[lang]])
        sheets.insert(rnd.choice([0, len(sheets)]), prose)

    inits = [
        {
            "id": str(r["id"]),
            "title": r["title"],
            "status": r["status"],
            "progress": r["progress"],
            "pillar": r["pillar"],
            "area": r["area"],
            "due": r["due"].isoformat() if has_dates else None,
            "parent": r["parent"],
        }
        for r in records
    ]
    report_date = as_of.isoformat() if t & {"as-of-line", "as-of-footer", "as-of-in-title"} else None
    return Tracker(name, lang, t, sheets, table, inits, expected, has_dates, report_date)


# ---------------------------------------------------------------- writers


def write_xlsx(tr: Tracker, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    pct_fmt = wb.add_format({"num_format": "0%"})
    wrap = wb.add_format({"text_wrap": True})
    for sh in tr.sheets:
        ws = wb.add_worksheet(sh.name)
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, Pct):
                    ws.write_number(r, c, v.value, pct_fmt)
                elif isinstance(v, Formula):
                    fmt = pct_fmt if isinstance(v.value, float) else None
                    ws.write_formula(r, c, v.expr, fmt, v.value)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v, wrap if "\n" in v else None)
                else:
                    ws.write_number(r, c, v)
        if sh.hidden:
            ws.hide()
    wb.close()


def write_xls(tr: Tracker, path: Path) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_fmt = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    pct_fmt = xlwt.easyxf(num_format_str="0%")
    for sh in tr.sheets:
        ws = wb.add_sheet(sh.name[:31])
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                if isinstance(v, Formula):
                    v = v.value
                if v is None:
                    continue
                if isinstance(v, Pct):
                    ws.write(r, c, v.value, pct_fmt)
                elif isinstance(v, dt.date):
                    ws.write(r, c, v, date_fmt)
                else:
                    ws.write(r, c, v)
        if sh.hidden:
            ws.visibility = 1
    wb.save(str(path))


def write_ods(tr: Tracker, path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="hiddentable", family="table")
    hidden.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden)
    for sh in tr.sheets:
        tb = Table(name=sh.name, stylename=hidden) if sh.hidden else Table(name=sh.name)
        for row in sh.rows:
            tr_ = TableRow()
            for v in row:
                if isinstance(v, Formula):
                    v = v.value
                if v is None:
                    tr_.addElement(TableCell())
                    continue
                if isinstance(v, Pct):
                    cell = TableCell(valuetype="percentage", value=v.value)
                    text = f"{v.value * 100:g}%"
                elif isinstance(v, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat())
                    text = v.isoformat()
                elif isinstance(v, str):
                    cell = TableCell(valuetype="string")
                    text = v
                else:
                    cell = TableCell(valuetype="float", value=v)
                    text = str(v)
                for part in text.split("\n"):
                    cell.addElement(P(text=part))
                tr_.addElement(cell)
            tb.addElement(tr_)
        doc.spreadsheet.addElement(tb)
    doc.save(str(path))


def csv_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Formula):
        v = v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def write_csv(tr: Tracker, path: Path, encoding: str) -> None:
    buf = io.StringIO()
    delim = ";" if encoding == "cp1252" else ","
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    width = max(len(r) for r in tr.table.rows)
    for row in tr.table.rows:
        w.writerow([csv_text(v) for v in row] + [""] * (width - len(row)))
    path.write_bytes(buf.getvalue().encode(encoding))


# Traits a format cannot hold: files in that format are written without them
# (the value is written the way that format holds it) and are not counted for them.
WORKBOOK_ONLY = {"pillars-sheet", "allowed-values-sheet", "hidden-sheet", "prose-sheet", "dates-real"}
XLSX_ONLY = {"summary-formulas"}
CSV_ONLY = {"csv-utf8", "csv-utf8-bom", "csv-cp1252-semicolon"}


def file_traits(tr: Tracker, fmt: str) -> set[str]:
    t = set(tr.traits)
    if fmt != "xlsx":
        t -= XLSX_ONLY
    if fmt == "csv":
        t -= WORKBOOK_ONLY
    if tr.has_dates and not t & {"dates-real", "dates-us-text", "dates-dmy-text"}:
        t.add("dates-iso-text")
    return t


def write_tracker(tr: Tracker, out: Path, formats: list[str], rnd: random.Random, allowed: set[str]) -> list[Path]:
    """Writes the tracker in each format that can hold it, with its truth; returns the files."""
    written = []
    for fmt in formats:
        traits = file_traits(tr, fmt)
        if fmt == "csv":
            if "progress-percent-format" in tr.traits:
                continue  # a CSV cell holds no number format: the tracker is the workbook's
            encs = [e for e in CSV_ONLY if e in allowed] or ["csv-utf8"]
            enc_trait = rnd.choice(sorted(encs))
            encoding = {"csv-utf8": "utf-8", "csv-utf8-bom": "utf-8-sig", "csv-cp1252-semicolon": "cp1252"}[enc_trait]
            if encoding == "cp1252":
                try:
                    "".join(csv_text(v) for row in tr.table.rows for v in row).encode("cp1252")
                except UnicodeEncodeError:
                    enc_trait, encoding = "csv-utf8", "utf-8"
            traits.add(enc_trait)
            path = out / f"{tr.name}.csv"
            write_csv(tr, path, encoding)
        elif fmt == "xls":
            path = out / f"{tr.name}.xls"
            write_xls(tr, path)
        elif fmt == "ods":
            path = out / f"{tr.name}.ods"
            write_ods(tr, path)
        else:
            path = out / f"{tr.name}.xlsx"
            write_xlsx(tr, path)
        sheet = None if fmt == "csv" else tr.table.name
        issues = []
        for e in tr.issues:
            if e["code"] == "hidden-sheet":
                if fmt != "csv":
                    issues.append(e)
            else:
                issues.append({"code": e["code"], "sheet": sheet, "cell": e["cell"]})
        truth = {
            "file": path.name,
            "format": fmt,
            "language": tr.lang,
            "traits": sorted(traits),
            "as_of": tr.as_of,
            "initiatives": tr.initiatives,
            "issues": issues,
            "watched_codes": sorted(WATCHED),
        }
        Path(str(path) + ".truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def generate(count: int, seed: int, out: Path, traits: set[str], formats: list[str]) -> list[Path]:
    check_profile()
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    files: list[Path] = []
    for i in range(count):
        tr = make_tracker(rnd, f"t{i:04d}", traits)
        files += write_tracker(tr, out, formats, rnd, traits)
    return files


def resolve_traits(spec: str) -> set[str]:
    if spec == "all":
        return set(TRAITS)
    if spec == "supported":
        return set(TRAITS) - set(PENDING)
    names = {s.strip() for s in spec.split(",") if s.strip()}
    unknown = names - set(TRAITS)
    if unknown:
        raise SystemExit(f"unknown traits: {', '.join(sorted(unknown))}; known: {', '.join(TRAITS)}")
    # Languages and progress styles are always chosen: keep one of each possible.
    if not any(n.startswith("lang-") for n in names):
        names |= {f"lang-{x}" for x in LANGS}
    return names


# ---------------------------------------------------------------- checking


def compare(truth: dict[str, Any], doc: dict[str, Any], issues: list[dict[str, Any]]) -> list[str]:
    """The differences between what a person reads (truth) and what the importer read (doc, issues)."""
    diffs: list[str] = []
    inits = doc.get("initiatives") or []
    want_ids = [w["id"] for w in truth["initiatives"]]
    got_ids = [str(g.get("id")) for g in inits]
    if got_ids != want_ids:
        diffs.append(f"ids: want {want_ids}, got {got_ids}")
    if doc.get("as_of") != truth.get("as_of"):
        diffs.append(f"as_of: want {truth.get('as_of')}, got {doc.get('as_of')}")
    names = {p.get("id"): p.get("name") for p in doc.get("pillars") or []}
    by_id = {str(g.get("id")): g for g in inits}
    for w in truth["initiatives"]:
        g = by_id.get(w["id"])
        if g is None:
            continue
        if (g.get("title") or "") != w["title"]:
            diffs.append(f"{w['id']} title: want {w['title']!r}, got {g.get('title')!r}")
        if g.get("status") != w["status"]:
            diffs.append(f"{w['id']} status: want {w['status']}, got {g.get('status')}")
        gp = g.get("progress")
        if (gp is None) != (w["progress"] is None) or (gp is not None and abs(float(gp) - w["progress"]) > 1e-6):
            diffs.append(f"{w['id']} progress: want {w['progress']}, got {gp}")
        if "parent" in w and g.get("parent") != w["parent"]:
            diffs.append(f"{w['id']} parent: want {w['parent']}, got {g.get('parent')}")
        if "due" in w and g.get("due") != w["due"]:
            diffs.append(f"{w['id']} due: want {w['due']}, got {g.get('due')}")
        gpn = names.get(g.get("pillar"), g.get("pillar"))
        if gpn != w["pillar"]:
            diffs.append(f"{w['id']} pillar: want {w['pillar']!r}, got {gpn!r}")

    def key(i: dict[str, Any]) -> tuple[Any, ...]:
        loc = i.get("location") or {}
        return (i.get("code"), loc.get("sheet"), loc.get("cell"))

    want = {(e["code"], e.get("sheet"), e.get("cell")) for e in truth["issues"]}
    got = {key(i) for i in issues if i.get("code") in set(truth["watched_codes"])}
    for code, sheet, cell in sorted(want - got, key=str):
        diffs.append(f"missing issue {code} at {sheet or ''}!{cell or ''}")
    for code, sheet, cell in sorted(got - want, key=str):
        diffs.append(f"unexpected issue {code} at {sheet or ''}!{cell or ''}")
    return diffs


def read_with_cli(binary: str, path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    out = subprocess.run([binary, "convert", str(path), "-o", "-"], capture_output=True, timeout=120)
    doc = json.loads(out.stdout) if out.stdout.strip() else {"error": out.stderr.decode(errors="replace")[-300:]}
    rep = subprocess.run([binary, "validate", str(path), "--format", "json"], capture_output=True, timeout=120)
    issues = json.loads(rep.stdout) if rep.stdout.strip() else []
    return doc, issues if isinstance(issues, list) else issues.get("issues", [])


def check(
    files: list[Path], reader: Callable[[Path], tuple[dict[str, Any], list[dict[str, Any]]]]
) -> tuple[dict[str, list[int]], dict[Path, list[str]]]:
    """Reads every file; returns per trait [files, exact] and the differences of each file that was not exact."""
    table: dict[str, list[int]] = {}
    failures: dict[Path, list[str]] = {}
    for path in files:
        truth = json.loads(Path(str(path) + ".truth.json").read_text(encoding="utf-8"))
        try:
            doc, issues = reader(path)
            diffs = [f"unreadable: {doc['error']}"] if "error" in doc else compare(truth, doc, issues)
        except Exception as e:  # a crash is one more wrong reading, reported with the file
            diffs = [f"{type(e).__name__}: {e}"]
        for t in [f"format-{truth['format']}", *truth["traits"], "(all)"]:
            row = table.setdefault(t, [0, 0])
            row[0] += 1
            row[1] += not diffs
        if diffs:
            failures[path] = diffs
    return table, failures


def format_table(table: dict[str, list[int]]) -> str:
    lines = [f"{'trait':28} {'files':>6} {'exact':>6} {'share':>7}"]
    for t in sorted(table, key=lambda k: (k == "(all)", not k.startswith("format-"), k)):
        n, ok = table[t]
        mark = "  (pending)" if t in PENDING else ""
        lines.append(f"{t:28} {n:6d} {ok:6d} {100 * ok / n:6.1f}%{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--out", type=Path, default=None, help="folder (default: a temporary one with --check)")
    ap.add_argument("--formats", default="xlsx,xls,ods,csv")
    ap.add_argument("--traits", default="supported", help="supported (default), all, or a comma list")
    ap.add_argument("--check", action="store_true", help="import every file and print the per-trait table")
    ap.add_argument("--roadmap", default=str(ROOT / "target" / "release" / "roadmap"), help="the CLI binary")
    ap.add_argument("--show", type=int, default=20, help="failures to print with --check")
    args = ap.parse_args(argv)
    traits = resolve_traits(args.traits)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    import tempfile

    out = args.out or Path(tempfile.mkdtemp(prefix="trackers-"))
    files = generate(args.count, args.seed, out, traits, formats)
    print(f"{len(files)} files from {args.count} trackers in {out}")
    if not args.check:
        return 0
    if not os.access(args.roadmap, os.X_OK):
        raise SystemExit(f"no roadmap binary at {args.roadmap}: build it or pass --roadmap")
    table, failures = check(files, lambda p: read_with_cli(args.roadmap, p))
    print(format_table(table))
    for path, diffs in list(failures.items())[: args.show]:
        truth = json.loads(Path(str(path) + ".truth.json").read_text(encoding="utf-8"))
        print(f"\n{path} [{', '.join(truth['traits'])}]")
        for d in diffs[:6]:
            print(f"  {d}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
