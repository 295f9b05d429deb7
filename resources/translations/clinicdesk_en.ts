<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PatientTab</name>
    <message numerus="yes">
        <source>%n patients found</source>
        <translation>
            <numerusform>%n patient found</numerusform>
            <numerusform>%n patients found</numerusform>
        </translation>
    </message>
</context>
</TS>
