"""Print-ready, tagged PDF leaflets made from the same approved text as the web pages.

``formats`` says which printable versions a leaflet gets and their type sizes,
``document`` builds the print HTML from the page's own view, ``engine`` turns it
into a PDF/UA-1 file with WeasyPrint (imported only when a PDF must be made).
"""
