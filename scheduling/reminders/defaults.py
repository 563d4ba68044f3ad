"""The words each message starts with, in English and Spanish; admins edit the rows.

Context every template gets: office, date, time, phone, and for appointment
messages confirm_url (empty once confirmed); email also gets address, cancel_url,
reschedule_url and, for preparation, preparation. An SMS says where and when,
never why (minimum necessary, 45 CFR 164.502(b); docs/clinical-rules.md, "Scheduling and reminders").
"""

STOP = {"en": "Reply STOP to opt out.", "es": "Responda STOP para no recibir mensajes."}

TEXTS: dict[tuple[str, str, str], tuple[str, str]] = {
    # ---- appointment reminder
    ("reminder", "sms", "en"): (
        "",
        "{{ office }}: reminder of your appointment on {{ date }} at {{ time }}."
        "{% if confirm_url %} Confirm: {{ confirm_url }}{% endif %}"
        " To cancel or change, call {{ phone }}. " + STOP["en"],
    ),
    ("reminder", "sms", "es"): (
        "",
        "{{ office }}: le recordamos su cita el {{ date }} a las {{ time }}."
        "{% if confirm_url %} Confirme aquí: {{ confirm_url }}{% endif %}"
        " Para cancelarla o cambiarla, llame al {{ phone }}. " + STOP["es"],
    ),
    ("reminder", "email", "en"): (
        "Your appointment at {{ office }} on {{ date }}",
        "Hello,\n\nThis is a reminder of your appointment at {{ office }} on {{ date }} at {{ time }}.\n\n"
        "Address: {{ address }}\nPhone: {{ phone }}\n\n"
        "{% if confirm_url %}Confirm your appointment: {{ confirm_url }}\n{% else %}Your appointment is confirmed.\n"
        "{% endif %}Cancel: {{ cancel_url }}\nAsk to change the time: {{ reschedule_url }}\n\n"
        "The attached calendar file adds the appointment to your calendar.\n\n{{ office }}",
    ),
    ("reminder", "email", "es"): (
        "Su cita en {{ office }} el {{ date }}",
        "Hola:\n\nLe recordamos su cita en {{ office }} el {{ date }} a las {{ time }}.\n\n"
        "Dirección: {{ address }}\nTeléfono: {{ phone }}\n\n"
        "{% if confirm_url %}Confirme su cita: {{ confirm_url }}\n{% else %}Su cita está confirmada.\n"
        "{% endif %}Cancelar: {{ cancel_url }}\nPedir otro horario: {{ reschedule_url }}\n\n"
        "El archivo de calendario adjunto agrega la cita a su calendario.\n\n{{ office }}",
    ),
    # ---- preparation instructions
    ("preparation", "sms", "en"): (
        "",
        "{{ office }}: please read the preparation instructions we emailed for your appointment on {{ date }} "
        "at {{ time }}. Questions: {{ phone }}. " + STOP["en"],
    ),
    ("preparation", "sms", "es"): (
        "",
        "{{ office }}: lea las instrucciones de preparación que le enviamos por correo para su cita del "
        "{{ date }} a las {{ time }}. Preguntas: {{ phone }}. " + STOP["es"],
    ),
    ("preparation", "email", "en"): (
        "Preparing for your appointment on {{ date }}",
        "Hello,\n\nYour appointment at {{ office }} is on {{ date }} at {{ time }}.\n\n"
        "How to prepare:\n{{ preparation }}\n\nAddress: {{ address }}\nQuestions: {{ phone }}\n\n"
        "Cancel: {{ cancel_url }}\nAsk to change the time: {{ reschedule_url }}\n\n{{ office }}",
    ),
    ("preparation", "email", "es"): (
        "Cómo prepararse para su cita del {{ date }}",
        "Hola:\n\nSu cita en {{ office }} es el {{ date }} a las {{ time }}.\n\n"
        "Cómo prepararse:\n{{ preparation }}\n\nDirección: {{ address }}\nPreguntas: {{ phone }}\n\n"
        "Cancelar: {{ cancel_url }}\nPedir otro horario: {{ reschedule_url }}\n\n{{ office }}",
    ),
    # ---- the check after a visit
    ("aftercare_check", "sms", "en"): (
        "",
        "{{ office }}: we hope you are feeling well after your visit on {{ date }}. "
        "If you have any concerns, call {{ phone }}. " + STOP["en"],
    ),
    ("aftercare_check", "sms", "es"): (
        "",
        "{{ office }}: esperamos que se sienta bien después de su visita del {{ date }}. "
        "Si tiene alguna inquietud, llame al {{ phone }}. " + STOP["es"],
    ),
    ("aftercare_check", "email", "en"): (
        "How are you feeling after your visit?",
        "Hello,\n\nWe hope you are feeling well after your visit to {{ office }} on {{ date }}.\n\n"
        "If you have pain, swelling or any concern, call us at {{ phone }}. "
        "For chest pain or shortness of breath, call 911.\n\n{{ office }}",
    ),
    ("aftercare_check", "email", "es"): (
        "¿Cómo se siente después de su visita?",
        "Hola:\n\nEsperamos que se sienta bien después de su visita a {{ office }} el {{ date }}.\n\n"
        "Si tiene dolor, hinchazón o cualquier inquietud, llámenos al {{ phone }}. "
        "Si tiene dolor en el pecho o le falta el aire, llame al 911.\n\n{{ office }}",
    ),
    # ---- a freed slot for someone on the waitlist
    ("waitlist_offer", "sms", "en"): (
        "",
        "{{ office }}: an earlier appointment opened on {{ date }} at {{ time }}. "
        "To take it, call {{ phone }}. " + STOP["en"],
    ),
    ("waitlist_offer", "sms", "es"): (
        "",
        "{{ office }}: se abrió una cita antes, el {{ date }} a las {{ time }}. "
        "Para tomarla, llame al {{ phone }}. " + STOP["es"],
    ),
    ("waitlist_offer", "email", "en"): (
        "An earlier appointment at {{ office }}",
        "Hello,\n\nAn earlier appointment opened at {{ office }} on {{ date }} at {{ time }}.\n\n"
        "It goes to the first person who calls: {{ phone }}.\n\n{{ office }}",
    ),
    ("waitlist_offer", "email", "es"): (
        "Una cita antes en {{ office }}",
        "Hola:\n\nSe abrió una cita antes en {{ office }} el {{ date }} a las {{ time }}.\n\n"
        "Será para la primera persona que llame: {{ phone }}.\n\n{{ office }}",
    ),
    # ---- a compression trial's end: call to book the follow-up
    ("compression_trial", "sms", "en"): (
        "",
        "{{ office }}: it is time to book your follow-up visit (due {{ date }}). Please call {{ phone }}. "
        + STOP["en"],
    ),
    ("compression_trial", "sms", "es"): (
        "",
        "{{ office }}: es momento de programar su visita de seguimiento (para el {{ date }}). "
        "Llame al {{ phone }}. " + STOP["es"],
    ),
    ("compression_trial", "email", "en"): (
        "Time to book your follow-up visit",
        "Hello,\n\nThe trial period your physician set ends on {{ date }}. "
        "Please call {{ office }} at {{ phone }} to book your follow-up visit.\n\n{{ office }}",
    ),
    ("compression_trial", "email", "es"): (
        "Es momento de programar su visita de seguimiento",
        "Hola:\n\nEl periodo de prueba que indicó su médico termina el {{ date }}. "
        "Llame a {{ office }} al {{ phone }} para programar su visita de seguimiento.\n\n{{ office }}",
    ),
}

# ---- a symptom questionnaire after a procedure (HASTI; docs/clinical-rules.md,
# "Patient-reported symptoms"). Kept apart from TEXTS, which migration 0004 seeded as it
# stood; scheduling migration 0009 seeds these.
SYMPTOM_SURVEY_TEXTS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("symptom_survey", "sms", "en"): (
        "",
        "{{ office }}: how are your legs since your treatment? Please rate 5 symptoms (1 minute): "
        "{{ survey_url }} Questions: {{ phone }}. " + STOP["en"],
    ),
    ("symptom_survey", "sms", "es"): (
        "",
        "{{ office }}: ¿cómo están sus piernas desde su tratamiento? Califique 5 síntomas (1 minuto): "
        "{{ survey_url }} Preguntas: {{ phone }}. " + STOP["es"],
    ),
    ("symptom_survey", "email", "en"): (
        "How are your legs since your treatment?",
        "Hello,\n\nIt has been a while since your treatment at {{ office }}. Please tell us how your legs "
        "feel: five short questions, about a minute, on your patient portal.\n\n{{ survey_url }}\n\n"
        "Your answers go to your physician and help us see how the treatment worked. "
        "If something worries you, call us at {{ phone }}. For chest pain or shortness of breath, call 911."
        "\n\n{{ office }}",
    ),
    ("symptom_survey", "email", "es"): (
        "¿Cómo están sus piernas desde su tratamiento?",
        "Hola:\n\nYa pasó un tiempo desde su tratamiento en {{ office }}. Cuéntenos cómo se sienten sus "
        "piernas: cinco preguntas breves, alrededor de un minuto, en su portal del paciente.\n\n{{ survey_url }}\n\n"
        "Sus respuestas llegan a su médico y nos ayudan a ver cómo funcionó el tratamiento. "
        "Si algo le preocupa, llámenos al {{ phone }}. Si tiene dolor en el pecho o le falta el aire, llame al 911."
        "\n\n{{ office }}",
    ),
}

ALL_TEXTS = {**TEXTS, **SYMPTOM_SURVEY_TEXTS}
